package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each conflict rule of docs/pos-sync.md, over real HTTP, and what it leaves in the database. */
@EndToEnd
class SyncConflictTests {

    private static E2eStack stack;
    private static Orders orders;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
    }

    @Test
    void anOfflinePriceWithinTheAllowedAgeIsHonoured() {
        var tenant = stack.newTenant("price-fresh").withProduct("PIZZA", 4_000, 50);
        var device = PosDevice.register(tenant, "fresh");
        tenant.updateProduct("PIZZA", 4_500, null);

        var result = device.sync(
                        List.of(PosDevice.order("p", Instant.now().minus(Duration.ofHours(3)), "PIZZA", 2, 4_000)))
                .getFirst();

        assertThat(result.get("result").asString()).isEqualTo("created");
        assertThat(result.get("totalCents").asLong()).isEqualTo(8_000);
        assertThat(result.get("notes").get(0).get("rule").asString()).isEqualTo("OFFLINE_PRICE_HONOURED");
        var order = orders.awaitStatus(device.token(), result.get("orderId").asString(), OrderStatus.CONFIRMED);
        assertThat(order.get("total").get("cents").asLong()).isEqualTo(8_000);
    }

    @Test
    void anOfflinePriceOlderThanTheAllowedAgeIsRecordedAndFlagged() {
        var tenant = stack.newTenant("price-stale").withProduct("PIZZA", 4_000, 50);
        var device = PosDevice.register(tenant, "stale");
        tenant.updateProduct("PIZZA", 4_500, null);

        var result = device.sync(
                        List.of(PosDevice.order("s", Instant.now().minus(Duration.ofHours(30)), "PIZZA", 1, 4_000)))
                .getFirst();

        assertConflict(result, "STALE_OFFLINE_PRICE", "RECORDED_AT_OFFLINE_PRICE_FLAGGED_FOR_REVIEW");
        assertThat(result.get("conflicts")
                        .get(0)
                        .get("server")
                        .get("priceCents")
                        .asLong())
                .isEqualTo(4_500);
        var orderId = result.get("orderId").asString();
        var order = orders.awaitStatus(device.token(), orderId, OrderStatus.CONFIRMED);
        assertThat(order.get("total").get("cents").asLong()).isEqualTo(4_000);
        assertThat(steps(orderId)).contains("SYNC_FLAGGED");
    }

    @Test
    void aProductTakenOffSaleWhileOfflineIsStillRecordedAndFlagged() {
        var tenant = stack.newTenant("deactivated").withProduct("SODA", 800, 50);
        var device = PosDevice.register(tenant, "off-sale");
        tenant.updateProduct("SODA", 800, false);

        var result = device.sync(List.of(PosDevice.order("d", Instant.now(), "SODA", 2, 800)))
                .getFirst();

        assertConflict(result, "PRODUCT_DEACTIVATED", "RECORDED_AND_FLAGGED_FOR_REVIEW");
        var orderId = result.get("orderId").asString();
        orders.awaitStatus(device.token(), orderId, OrderStatus.CONFIRMED);
        assertThat(steps(orderId)).contains("SYNC_FLAGGED", "STOCK_COMMITTED");
    }

    @Test
    void stockThatRanOutGoesToACountedDeficitAndTheKitchenIsTold() {
        var tenant = stack.newTenant("deficit").withProduct("WINE", 9_000, 1);
        var device = PosDevice.register(tenant, "cellar");

        var result = device.sync(List.of(PosDevice.order("w", Instant.now(), "WINE", 3, 9_000)))
                .getFirst();

        assertConflict(result, "STOCK_DEFICIT", "RECORDED_STOCK_TO_DEFICIT_KITCHEN_TOLD");
        var orderId = result.get("orderId").asString();
        orders.awaitStatus(device.token(), orderId, OrderStatus.CONFIRMED);
        assertThat(steps(orderId)).contains("STOCK_DEFICIT");
        var stock = stack.jdbc()
                .sql("SELECT available, reserved, sold, deficit FROM stock WHERE tenant_id = ? AND sku = 'WINE'")
                .params(tenant.id())
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .single();
        assertThat(stock).containsExactly(0, 0, 3, 2);
        var supplied = stack.jdbc()
                .sql(
                        "SELECT SUM(quantity) FROM stock_movements WHERE tenant_id = ? AND kind IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT')")
                .params(tenant.id())
                .query(Long.class)
                .single();
        assertThat(supplied)
                .as("initial + restocks = available + reserved + sold - deficit")
                .isEqualTo(0 + 0 + 3 - 2);
    }

    @Test
    void anOrderForATableAnotherDeviceClosedAfterwardsIsRecordedAsASeparateBill() {
        var tenant = stack.newTenant("table").withProduct("PIZZA", 4_000, 50);
        var waiter = PosDevice.register(tenant, "waiter");
        var till = PosDevice.register(tenant, "till");
        var closed = stack.api()
                .withToken(till.token())
                .raw()
                .post(
                        "/api/v1/sync/tables/7/close",
                        Map.of("closedAt", Instant.now().toString()));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);

        var results = waiter.sync(List.of(
                PosDevice.order("before", Instant.now().minus(Duration.ofMinutes(20)), "PIZZA", 1, 4_000),
                PosDevice.order("after", Instant.now().plusSeconds(1), "PIZZA", 1, 4_000)));
        var own = till.sync(
                List.of(PosDevice.order("own", Instant.now().minus(Duration.ofMinutes(20)), "PIZZA", 1, 4_000)));

        assertConflict(results.get(0), "TABLE_CLOSED", "RECORDED_AS_SEPARATE_BILL_FLAGGED_FOR_REVIEW");
        assertThat(results.get(1).get("result").asString()).as("a new seating").isEqualTo("created");
        assertThat(own.getFirst().get("result").asString())
                .as("its own closure")
                .isEqualTo("created");
    }

    @Test
    void aCancelledCounterOrderIsRefundedAtTheCounterAndRestocked() {
        var tenant = stack.newTenant("counter-cancel").withProduct("PIZZA", 4_000, 10);
        var device = PosDevice.register(tenant, "cancel");
        var orderId = device.sync(List.of(PosDevice.order("c", Instant.now(), "PIZZA", 2, 4_000)))
                .getFirst()
                .get("orderId")
                .asString();
        orders.awaitStatus(device.token(), orderId, OrderStatus.CONFIRMED);

        var cancelled =
                stack.api().withToken(tenant.kitchen()).raw().post("/api/v1/orders/" + orderId + "/cancel", Map.of());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        var order = orders.awaitStatus(tenant.kitchen(), orderId, OrderStatus.CANCELLED);
        var payment = order.get("payment");
        assertThat(payment.get("status").asString()).isEqualTo("REFUNDED_AT_COUNTER");
        assertThat(payment.get("charged").get("cents").asLong()).isEqualTo(8_000);
        assertThat(payment.get("refunded").get("cents").asLong()).isEqualTo(8_000);
        var available = stack.jdbc()
                .sql("SELECT available FROM stock WHERE tenant_id = ? AND sku = 'PIZZA'")
                .params(tenant.id())
                .query(Integer.class)
                .single();
        assertThat(available).isEqualTo(10);
    }

    private static void assertConflict(JsonNode result, String rule, String resolution) {
        assertThat(result.get("result").asString()).as(result.toString()).isEqualTo("conflict");
        assertThat(result.get("orderId").asString()).as("the order is recorded").isNotBlank();
        var conflict = result.get("conflicts").get(0);
        assertThat(conflict.get("rule").asString()).isEqualTo(rule);
        assertThat(conflict.get("resolution").asString()).isEqualTo(resolution);
        assertThat(conflict.get("server")).isNotNull();
    }

    private static List<String> steps(String orderId) {
        return stack.jdbc()
                .sql("SELECT step FROM order_events WHERE order_id = ? ORDER BY seq")
                .params(orderId)
                .query(String.class)
                .list();
    }
}
