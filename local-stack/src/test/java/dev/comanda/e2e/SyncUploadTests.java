package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Sync.SyncOrder;
import dev.comanda.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/sync/orders} over real HTTP: per-order results, idempotency, whole-batch refusals. */
@EndToEnd
class SyncUploadTests {

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        tenant = stack.newTenant("pos-upload").withProduct("PIZZA", 4_000, 500).withProduct("SODA", 800, 500);
    }

    @Test
    void eachOrderOfABatchIsCreatedOnceAndConfirmedPaidAtTheCounter() {
        var device = PosDevice.register(tenant, "counter");
        var batch = batch("created", 3);

        var results = device.sync(batch);

        assertThat(results).extracting(r -> r.get("result").asString()).containsOnly("created");
        for (var result : results) {
            var order = orders.awaitStatus(device.token(), result.get("orderId").asString(), OrderStatus.CONFIRMED);
            assertThat(order.get("payment").get("status").asString()).isEqualTo("PAID_AT_COUNTER");
            assertThat(order.get("payment").get("charged").get("cents").asLong())
                    .isEqualTo(8_000);
        }
        assertThat(syncedRows(device)).isEqualTo(3);
    }

    @Test
    void aBatchResentAfterALostAnswerCreatesNothing() {
        var device = PosDevice.register(tenant, "resend");
        var batch = batch("resend", 5);
        var first = device.sync(batch);

        var again = device.sync(batch);

        assertThat(again).extracting(r -> r.get("result").asString()).containsOnly("duplicate");
        assertThat(again)
                .extracting(r -> r.get("orderId").asString())
                .containsExactlyElementsOf(
                        first.stream().map(r -> r.get("orderId").asString()).toList());
        assertThat(again.getFirst().get("original").get("result").asString()).isEqualTo("created");
        assertThat(PosDevice.awaitCount(() -> ordersOf(first), 5)).isEqualTo(5);
        assertThat(syncedRows(device)).isEqualTo(5);
    }

    @Test
    void oneMalformedOrderIsAnsweredInvalidAndTheOthersAreCreated() {
        var device = PosDevice.register(tenant, "mixed");
        var unknownSku = PosDevice.order("bad-sku", Instant.now(), "NOPE", 1, 100);
        var zeroQuantity = PosDevice.order("bad-qty", Instant.now(), "PIZZA", 0, 4_000);
        ObjectNode wrongType = E2eStack.JSON.valueToTree(PosDevice.order("bad-type", Instant.now(), "PIZZA", 1, 4_000));
        ((ObjectNode) wrongType.get("lines").get(0)).put("quantity", "two");
        var good = PosDevice.order("good-" + E2eStack.randomHex(), Instant.now(), "SODA", 1, 800);

        var results = device.sync(List.of(unknownSku, zeroQuantity, wrongType, good));

        assertThat(results)
                .extracting(r -> r.get("result").asString())
                .containsExactly("invalid", "invalid", "invalid", "created");
        assertThat(fields(results.get(0))).containsExactly("lines[0].sku");
        assertThat(fields(results.get(1))).containsExactly("lines[0].quantity");
        assertThat(fields(results.get(2))).containsExactly("lines[0].quantity");
        assertThat(syncedRows(device)).as("only the good order was written").isEqualTo(1);
    }

    @Test
    void anItemThatIsNotAnOrderAtAllRefusesTheBatchWholeNamingItAndWritesNothing() {
        var device = PosDevice.register(tenant, "not-an-order");
        var good = PosDevice.order("good-" + E2eStack.randomHex(), Instant.now(), "SODA", 1, 800);

        var response = device.upload(List.of(good, "not an order"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("orders[1]");
        assertThat(syncedRows(device)).isZero();
    }

    @Test
    void aBatchOfMoreThanAHundredOrdersIsRefusedWholeAndWritesNothing() {
        var device = PosDevice.register(tenant, "too-many");

        var response = device.upload(batch("big", 101));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("orders");
        assertThat(syncedRows(device)).isZero();
    }

    @Test
    void aClientOrderIdTwiceInOneBatchIsRefusedWhole() {
        var device = PosDevice.register(tenant, "twice");
        var order = PosDevice.order("same", Instant.now(), "PIZZA", 1, 4_000);

        var response = device.upload(List.of(order, PosDevice.order("other", Instant.now(), "SODA", 1, 800), order));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("orders[2].clientOrderId");
        assertThat(syncedRows(device)).isZero();
    }

    @Test
    void malformedJsonIsRefusedWithAProblemNotA500() {
        var device = PosDevice.register(tenant, "garbage");

        var response = stack.api().withToken(device.token()).raw().post("/api/v1/sync/orders", "{\"orders\": [");
        var notAList = stack.api().withToken(device.token()).raw().post("/api/v1/sync/orders", Map.of("orders", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(syncedRows(device)).isZero();
    }

    @Test
    void aClientOrderIdReusedForAnotherOrderIsAConflictAndTheFirstOrderStands() {
        var device = PosDevice.register(tenant, "reuse");
        var first = device.sync(List.of(PosDevice.order("reused", Instant.now(), "PIZZA", 1, 4_000)));

        var second = device.sync(List.of(PosDevice.order("reused", Instant.now(), "SODA", 3, 800)));

        var conflict = second.getFirst();
        assertThat(conflict.get("result").asString()).isEqualTo("conflict");
        assertThat(conflict.get("orderId").asString())
                .isEqualTo(first.getFirst().get("orderId").asString());
        assertThat(conflict.get("conflicts").get(0).get("rule").asString()).isEqualTo("CLIENT_ORDER_ID_REUSED");
        assertThat(syncedRows(device)).isEqualTo(1);
    }

    @Test
    void onlyADeviceTokenUploads() {
        var response = stack.api()
                .withToken(tenant.kitchen())
                .raw()
                .post("/api/v1/sync/orders", Map.of("orders", batch("staff", 1)));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentStatesTheConflictRules() {
        var document = stack.api().withToken(null).raw().get("/v3/api-docs").json();

        var upload = document.get("paths")
                .get("/api/v1/sync/orders")
                .get("post")
                .get("description")
                .asString();

        assertThat(upload)
                .contains(
                        "STALE_OFFLINE_PRICE",
                        "PRODUCT_DEACTIVATED",
                        "STOCK_DEFICIT",
                        "TABLE_CLOSED",
                        "CLIENT_ORDER_ID_REUSED");
        assertThat(document.get("paths").has("/api/v1/sync/changes")).isTrue();
        assertThat(document.get("paths").has("/api/v1/devices")).isTrue();
    }

    private static List<SyncOrder> batch(String prefix, int size) {
        var run = prefix + "-" + E2eStack.randomHex();
        var batch = new ArrayList<SyncOrder>();
        IntStream.range(0, size)
                .forEach(i -> batch.add(PosDevice.order(run + "-" + i, Instant.now(), "PIZZA", 2, 4_000)));
        return batch;
    }

    private static List<String> fields(JsonNode result) {
        var fields = new ArrayList<String>();
        result.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static long syncedRows(PosDevice device) {
        return stack.jdbc()
                .sql("SELECT COUNT(*) FROM pos_sync_orders WHERE device_id = ?")
                .params(device.id())
                .query(Long.class)
                .single();
    }

    private static long ordersOf(List<JsonNode> results) {
        return stack.jdbc()
                .sql("SELECT COUNT(*) FROM orders WHERE order_id IN (:ids)")
                .param(
                        "ids",
                        results.stream().map(r -> r.get("orderId").asString()).toList())
                .query(Long.class)
                .single();
    }
}
