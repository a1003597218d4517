package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Customers' personal data never reaches Temporal in clear (docs/personal-data.md): a real order, placed
 * and delivered through the API on the real dev server, leaves no trace of its customer's name, e-mail,
 * phone or street in the dev server's SQLite files; its history decodes for OPS only, and the codec
 * endpoint Temporal UI calls decodes for the operator and the tenant's OPS staff only.
 */
@EndToEnd
class PersonalDataTests {

    private static final String SKU = "FEIJOADA";
    private static final String ENCRYPTED_BASE64 =
            Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));

    private static E2eStack stack;
    private static Orders orders;
    private static TestTenant tenant;
    private static Customer customer;
    private static String orderId;
    private static RawApi raw;

    @BeforeAll
    static void deliverAnOrder(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        raw = ComandaClient.builder(URI.create(stack.comanda().apiUrl()))
                .build()
                .raw();
        tenant = stack.newTenant("pii").withProduct(SKU, 6_900, 10);
        var unique = E2eStack.randomHex();
        customer = new Customer(
                "Zelia Sigilosa " + unique,
                "zelia." + unique + "@example.com",
                "+5511" + ThreadLocalRandom.current().nextLong(900_000_000L, 999_999_999L));
        orderId = orders.placeNew(
                tenant.customer(),
                OrderRequest.delivery(OrderRequest.takeaway().item(SKU, 1)).withCustomer(customer));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        for (var step : List.of(
                OrderStatus.ACCEPTED,
                OrderStatus.PREPARING,
                OrderStatus.READY,
                OrderStatus.OUT_FOR_DELIVERY,
                OrderStatus.DELIVERED)) {
            assertThat(orders.move(tenant.kitchen(), orderId, step).status()).isEqualTo(200);
        }
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.COMPLETED);
    }

    @Test
    void theTemporalDatabaseHoldsTheOrderButNoneOfItsCustomersDataInClear() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var files = Files.list(stack.temporalDataDir())) {
            for (var file : files.filter(f -> f.getFileName().toString().startsWith("temporal.db"))
                    .toList()) {
                bytes.write(Files.readAllBytes(file));
            }
        }
        // ISO-8859-1 keeps every byte as one char, so a UTF-8 string is found as its bytes.
        var database = bytes.toString(StandardCharsets.ISO_8859_1);

        assertThat(database).as("the order's workflow is in this database").contains(orderId);
        assertThat(database)
                .doesNotContain(customer.name())
                .doesNotContain(customer.email())
                .doesNotContain(customer.phone())
                .doesNotContain(OrderRequest.ADDRESS.street());
    }

    @Test
    void theHistoryIsDecodedForOpsAndStaysEncryptedForAnAdmin() {
        var forOps = history(tenant.ops());
        var forAdmin = history(tenant.admin());

        assertThat(payloadData(forOps)).contains(customer.name()).contains(customer.email());
        assertThat(payloadData(forAdmin)).doesNotContain(customer.name()).doesNotContain(customer.email());
        assertThat(forAdmin.toString()).contains(ENCRYPTED_BASE64);
    }

    @Test
    void theCodecEndpointDecodesForTheTenantsOpsAndTheOperatorOnly() {
        var encrypted = startInput(history(tenant.admin()));
        var request = "{\"payloads\":[" + encrypted + "]}";

        assertThat(decodedText(codec(RawApi.bearer(tenant.ops()), request))).contains(customer.name());
        assertThat(decodedText(codec(Map.of("X-Operator-Key", stack.operatorKey()), request)))
                .contains(customer.name());
        var other = stack.newTenant("pii-other");
        var forOtherTenant = codec(RawApi.bearer(other.ops()), request);
        assertThat(forOtherTenant.status()).isEqualTo(200);
        assertThat(decodedText(forOtherTenant)).doesNotContain(customer.name());
        assertThat(forOtherTenant.text()).contains(ENCRYPTED_BASE64);
    }

    @Test
    void theCodecEndpointRefusesCallersWhoAreNotOps() {
        var request = "{\"payloads\":[]}";

        assertThat(codec(Map.of(), request).status()).isEqualTo(401);
        assertThat(codec(RawApi.bearer("cmd_not-a-token"), request).status()).isEqualTo(401);
        var kitchen = codec(RawApi.bearer(tenant.kitchen()), request);
        assertThat(kitchen.status()).isEqualTo(403);
        assertThat(kitchen.contentType()).startsWith("application/problem+json");
        assertThat(codec(RawApi.bearer(tenant.admin()), request).status()).isEqualTo(403);
    }

    @Test
    void badInputToTheCodecIsA400ProblemNamingTheField() {
        var garbage = codec(RawApi.bearer(tenant.ops()), "{\"payloads\": 7}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
        assertThat(garbage.errorFields()).contains("payloads");

        var tampered = "{\"payloads\":[{\"metadata\":{\"encoding\":\"" + ENCRYPTED_BASE64
                + "\",\"encryption-key-id\":\"" + b64("no-such-key") + "\"},\"data\":\"" + b64("x") + "\"}]}";
        var unknownKey = codec(RawApi.bearer(tenant.ops()), tampered);
        assertThat(unknownKey.status()).isEqualTo(200);
        assertThat(unknownKey.text()).contains(ENCRYPTED_BASE64);

        var wrongNamespace = new LinkedHashMap<>(RawApi.bearer(tenant.ops()));
        wrongNamespace.put("X-Namespace", "someone-elses");
        var refused = codec(wrongNamespace, "{\"payloads\":[]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).contains("X-Namespace");
    }

    private static JsonNode history(String token) {
        var response = raw.send("GET", "/api/v1/orders/" + orderId + "/history", RawApi.bearer(token), null);
        assertThat(response.status()).as("history: %s", response).isEqualTo(200);
        return response.json();
    }

    private static RawResponse codec(Map<String, String> headers, String body) {
        var all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.putIfAbsent("X-Namespace", "default");
        return raw.send("POST", "/codec/decode", all, body);
    }

    /** The workflow's input payload, as the history's JSON has it. */
    private static String startInput(JsonNode history) {
        var started = history.get("events").get(0);
        return started.get("workflowExecutionStartedEventAttributes")
                .get("input")
                .get("payloads")
                .get(0)
                .toString();
    }

    /** Every payload's data in a JSON tree, base64-decoded and joined. */
    private static String payloadData(JsonNode node) {
        var text = new StringBuilder();
        collect(node, text);
        return text.toString();
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isObject() && node.has("metadata") && node.has("data")) {
            text.append(new String(Base64.getDecoder().decode(node.get("data").asString()), StandardCharsets.UTF_8));
        }
        for (var child : node) {
            collect(child, text);
        }
    }

    private static String decodedText(RawResponse response) {
        assertThat(response.status()).as("codec: %s", response).isEqualTo(200);
        return payloadData(response.json());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
