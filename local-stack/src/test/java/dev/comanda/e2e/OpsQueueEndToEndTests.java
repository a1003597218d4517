package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import dev.comanda.testing.RecordingHttpServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ops queue over HTTP on the real stack: who may see it, a marketplace that stays down filling it
 * and a retry after it is back emptying it, resolutions with a note, idempotent and tenant-isolated.
 */
@EndToEnd
class OpsQueueEndToEndTests {

    private static final String CHANNEL = "ifood";
    private static final String QUEUE = "/api/v1/ops/orders/queue";

    private static E2eStack stack;
    private static Orders orders;
    private static final RecordingHttpServer MARKETPLACE = new RecordingHttpServer();

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(shared.api());
    }

    @AfterAll
    static void stop() {
        MARKETPLACE.close();
    }

    @Test
    void theQueueIsForOpsTokensAndTheOperatorKeyOnly() {
        var tenant = stack.newTenant("ops-access");

        assertThat(stack.api().withToken(null).raw().get(QUEUE).status()).isEqualTo(401);
        assertThat(stack.api().withToken(tenant.customer()).raw().get(QUEUE).status())
                .isEqualTo(403);
        assertThat(stack.api().withToken(tenant.kitchen()).raw().get(QUEUE).status())
                .isEqualTo(403);
        assertThat(stack.api().withToken(tenant.ops()).raw().get(QUEUE).status())
                .isEqualTo(200);
        assertThat(operator("GET", QUEUE + "?tenant=" + tenant.id(), null, null).status())
                .isEqualTo(200);
        var wrongKey = stack.api().raw().send("GET", QUEUE, Map.of("X-Operator-Key", "nope"), null);
        assertThat(wrongKey.status()).isEqualTo(401);
    }

    @Test
    void badFiltersAreA400NamingTheParameter() {
        var tenant = stack.newTenant("ops-filters");

        var reason = stack.api().withToken(tenant.ops()).raw().get(QUEUE + "?reason=NOPE");
        var age = stack.api().withToken(tenant.ops()).raw().get(QUEUE + "?older_than=ten");

        assertThat(reason.status()).isEqualTo(400);
        assertThat(reason.errorFields()).contains("reason");
        assertThat(age.status()).isEqualTo(400);
        assertThat(age.errorFields()).contains("older_than");
    }

    @Test
    void aMarketplaceThatStaysDownFillsTheQueueAndARetryAfterItIsBackEmptiesIt() throws InterruptedException {
        var tenant = tenantWithMarketplace("ops-market");
        MARKETPLACE.answer(503, "{\"error\":\"down\"}");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        var listed = awaitListed(tenant, orderId, "MARKETPLACE_FAILING");
        MARKETPLACE.answer(200, "{\"id\":\"mk-" + orderId + "\"}");
        var retried = retry(tenant, orderId, "retry-1", Map.of("action", "MARKETPLACE_PUSH", "channel", CHANNEL));

        assertThat(listed.path("detail").asString()).startsWith(CHANNEL + ":");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asString()).isEqualTo("pushed to " + CHANNEL + " as mk-" + orderId);
        assertThat(queueOf(tenant).stream().map(e -> e.get("orderId").asString()))
                .doesNotContain(orderId);
        var again = retry(tenant, orderId, "retry-1", Map.of("action", "MARKETPLACE_PUSH", "channel", CHANNEL));
        assertThat(again.json().get("outcome").asString())
                .isEqualTo(retried.json().get("outcome").asString());
        assertThat(again.json().get("at").asString())
                .isEqualTo(retried.json().get("at").asString());
    }

    @Test
    void resolvingIsAuditedIdempotentAndOnceOnly() throws InterruptedException {
        var tenant = tenantWithMarketplace("ops-resolve");
        MARKETPLACE.answer(503, "{\"error\":\"down\"}");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        awaitListed(tenant, orderId, "MARKETPLACE_FAILING");

        var first = resolve(tenant, orderId, "resolve-1", "pushed by hand in the iFood portal");
        var repeat = resolve(tenant, orderId, "resolve-1", "pushed by hand in the iFood portal");
        var second = resolve(tenant, orderId, "resolve-2", "another note");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("by").asString()).startsWith("ops token ");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("at").asString())
                .isEqualTo(first.json().get("at").asString());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(queueOf(tenant).stream().map(e -> e.get("orderId").asString()))
                .doesNotContain(orderId);
        var shown = stack.api()
                .withToken(tenant.ops())
                .raw()
                .get("/api/v1/ops/orders/" + orderId)
                .json();
        assertThat(shown.get("resolution").get("note").asString()).isEqualTo("pushed by hand in the iFood portal");
        assertThat(shown.get("actions")).hasSize(1);
        assertThat(shown.get("marketplaces").get(0).get("status").asString()).isIn("FAILED", "SYNCING");
    }

    @Test
    void anotherTenantsOpsTokenNeitherSeesNorTouchesTheOrder() throws InterruptedException {
        var tenant = tenantWithMarketplace("ops-owner");
        var other = stack.newTenant("ops-other");
        MARKETPLACE.answer(503, "{\"error\":\"down\"}");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        awaitListed(tenant, orderId, "MARKETPLACE_FAILING");

        assertThat(stack.api()
                        .withToken(other.ops())
                        .raw()
                        .get(QUEUE + "?tenant=" + tenant.id())
                        .status())
                .isEqualTo(403);
        assertThat(queueOf(other)).isEmpty();
        assertThat(stack.api()
                        .withToken(other.ops())
                        .raw()
                        .get("/api/v1/ops/orders/" + orderId)
                        .status())
                .isEqualTo(404);
        assertThat(resolve(other, orderId, "x-1", "not mine").status()).isEqualTo(404);
        assertThat(retry(other, orderId, "x-2", Map.of("action", "MARKETPLACE_PUSH", "channel", CHANNEL))
                        .status())
                .isEqualTo(404);
        assertThat(stack.api()
                        .withToken(tenant.ops())
                        .raw()
                        .get("/api/v1/ops/orders/" + orderId)
                        .json()
                        .get("resolution")
                        .isNull())
                .isTrue();
    }

    @Test
    void aRetryThatCannotBeDoneIsA409AndAMissingChannelA422() {
        var tenant = stack.newTenant("ops-refuse").withProduct("PIZZA", 4_500, 10);
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        var refund = retry(tenant, orderId, "r-1", Map.of("action", "REFUND"));
        var reset = retry(tenant, orderId, "r-2", Map.of("action", "RESET"));
        var push = retry(tenant, orderId, "r-3", Map.of("action", "MARKETPLACE_PUSH"));

        assertThat(refund.status()).as(refund.toString()).isEqualTo(409);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(409);
        assertThat(reset.json().get("detail").asString()).contains("RUNNING");
        assertThat(push.status()).isEqualTo(422);
        assertThat(push.errorFields()).contains("channel");
    }

    @Test
    void theOperatorSeesEveryTenantsQueue() throws InterruptedException {
        var tenant = tenantWithMarketplace("ops-operator");
        MARKETPLACE.answer(503, "{\"error\":\"down\"}");
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        awaitListed(tenant, orderId, "MARKETPLACE_FAILING");

        var all = operator("GET", QUEUE + "?reason=MARKETPLACE_FAILING&limit=500", null, null);
        var shown = operator("GET", "/api/v1/ops/orders/" + orderId + "?tenant=" + tenant.id(), null, null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json()
                        .get("items")
                        .valueStream()
                        .map(e -> e.get("orderId").asString()))
                .contains(orderId);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("problems").get(0).get("reason").asString()).isEqualTo("MARKETPLACE_FAILING");
    }

    private static TestTenant tenantWithMarketplace(String name) {
        var tenant = stack.newTenant(name).withProduct("PIZZA", 4_500, 10);
        var configured = operator(
                "PUT",
                "/api/v1/ops/tenants/" + tenant.id() + "/marketplaces/" + CHANNEL,
                Map.of("url", MARKETPLACE.url("/orders"), "enabled", true),
                null);
        assertThat(configured.status()).as(configured.toString()).isEqualTo(204);
        return tenant;
    }

    /** Polls the queue until the order is listed for {@code reason}, and answers its entry. */
    private static JsonNode awaitListed(TestTenant tenant, String orderId, String reason) throws InterruptedException {
        var until = Instant.now().plusSeconds(30);
        while (true) {
            for (var entry : queueOf(tenant)) {
                if (entry.get("orderId").asString().equals(orderId)
                        && entry.get("reason").asString().equals(reason)) {
                    return entry;
                }
            }
            assertThat(Instant.now()).as("%s listed for %s", orderId, reason).isBefore(until);
            Thread.sleep(100);
        }
    }

    private static java.util.List<JsonNode> queueOf(TestTenant tenant) {
        var response = stack.api().withToken(tenant.ops()).raw().get(QUEUE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("items").valueStream().toList();
    }

    private static RawResponse resolve(TestTenant tenant, String orderId, String key, String note) {
        return stack.api()
                .raw()
                .post("/api/v1/ops/orders/" + orderId + "/resolve", headers(tenant, key), Map.of("note", note));
    }

    private static RawResponse retry(TestTenant tenant, String orderId, String key, Map<String, ?> body) {
        return stack.api().raw().post("/api/v1/ops/orders/" + orderId + "/retry", headers(tenant, key), body);
    }

    private static Map<String, String> headers(TestTenant tenant, String key) {
        var headers = new LinkedHashMap<>(RawApi.bearer(tenant.ops()));
        headers.put("Idempotency-Key", key);
        return headers;
    }

    private static RawResponse operator(String method, String path, Object body, String key) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("X-Operator-Key", stack.operatorKey());
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        if (body == null) {
            return stack.api().raw().send(method, path, headers, null);
        }
        headers.put("Content-Type", "application/json");
        return stack.api()
                .raw()
                .send(
                        method,
                        path,
                        headers,
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body));
    }
}
