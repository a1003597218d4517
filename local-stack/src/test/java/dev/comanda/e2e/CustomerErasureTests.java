package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.inventory.StockConservation;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer's erasure (docs/personal-data.md): refused with 409 while one of their orders is open; once
 * every one is over, the admin's request anonymizes the read model and the notification records, deletes
 * the orders' data keys so their Temporal histories no longer decode even for OPS, audits each order, and
 * leaves totals, payments and stock as they were.
 */
@EndToEnd
class CustomerErasureTests {

    private static final String SKU = "ACARAJE";
    private static final String ENCRYPTED_BASE64 =
            Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));

    private static E2eStack stack;
    private static Orders orders;
    private static RawApi raw;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        raw = ComandaClient.builder(URI.create(stack.comanda().apiUrl()))
                .build()
                .raw();
    }

    @Test
    void anOpenOrderIsAnswered409AndAClosedOnesCustomerIsErased() {
        var tenant = stack.newTenant("erase").withProduct(SKU, 1_500, 10);
        var unique = E2eStack.randomHex();
        var customer = new Customer("Jurema Esquecida " + unique, "jurema." + unique + "@example.com");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item(SKU, 2).withCustomer(customer));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        var refused = erase(tenant.admin(), customer.email());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        for (var step :
                List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP)) {
            assertThat(orders.move(tenant.kitchen(), orderId, step).status()).isEqualTo(200);
        }
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.COMPLETED);
        var total = orderRow(orderId, "total_cents");
        var charged = orderRow(orderId, "charged_cents");
        assertThat(history(tenant.ops(), orderId)).contains(customer.name());

        assertThat(erase(tenant.kitchen(), customer.email()).status()).isEqualTo(403);
        var erased = erase(tenant.admin(), customer.email());

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("orders").asInt()).isEqualTo(1);
        assertThat(erased.json().get("dataKeys").asInt()).isPositive();
        var jdbc = stack.jdbc();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE customer_name = ? OR customer_email = ?")
                        .params(customer.name(), customer.email())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notifications WHERE recipient = ?")
                        .param(customer.email())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(orderRow(orderId, "status")).isEqualTo("COMPLETED");
        assertThat(orderRow(orderId, "total_cents")).isEqualTo(total);
        assertThat(orderRow(orderId, "charged_cents")).isEqualTo(charged);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ops_actions WHERE order_id = ? AND action = 'ERASE_CUSTOMER'")
                        .param(orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(stack.comanda().workers().getBean(StockConservation.class).check(tenant.id()))
                .isEmpty();
        var afterwards = history(tenant.ops(), orderId);
        assertThat(afterwards).doesNotContain(customer.name()).doesNotContain(customer.email());
        assertThat(afterwards).contains(ENCRYPTED_BASE64);
        assertThat(erase(tenant.admin(), customer.email()).status()).isEqualTo(404);
    }

    @Test
    void aMissingEmailIsA400NamingIt() {
        var tenant = stack.newTenant("erase-bad");
        var response = raw.send("DELETE", "/api/v1/customers?email=nobody", RawApi.bearer(tenant.admin()), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("email");
    }

    private static RawResponse erase(String token, String email) {
        return raw.send(
                "DELETE",
                "/api/v1/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                RawApi.bearer(token),
                null);
    }

    /** Every payload's data of the order's history as the caller reads it, base64-decoded where it is text. */
    private static String history(String token, String orderId) {
        var response = raw.send("GET", "/api/v1/orders/" + orderId + "/history", RawApi.bearer(token), null);
        assertThat(response.status()).as("history: %s", response).isEqualTo(200);
        var text = new StringBuilder(response.json().toString());
        collect(response.json(), text);
        return text.toString();
    }

    private static void collect(tools.jackson.databind.JsonNode node, StringBuilder text) {
        if (node.isObject() && node.has("metadata") && node.has("data")) {
            text.append(new String(Base64.getDecoder().decode(node.get("data").asString()), StandardCharsets.UTF_8));
        }
        for (var child : node) {
            collect(child, text);
        }
    }

    private static String orderRow(String orderId, String column) {
        return stack.jdbc()
                .sql("SELECT " + column + " FROM orders WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }
}
