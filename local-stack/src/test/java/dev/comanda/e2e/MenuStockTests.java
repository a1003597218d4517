package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ProductRequests.StockChange;
import dev.comanda.e2e.EventStreamClient.Received;
import dev.comanda.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The menu a customer reads shows stock as it is, and the event stream says when a dish sells out or
 * comes back: a dish sold out by orders reads 0 at once, and every client of the tenant hears it.
 */
@EndToEnd
class MenuStockTests {

    /** How stale the menu may be after the stock moved (it was one catalog-cache TTL, five minutes). */
    private static final Duration FRESH_WITHIN = Duration.ofSeconds(1);

    private static E2eStack stack;
    private static Orders orders;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
    }

    @Test
    void aDishSoldOutByAnOrderShowsNoneAvailableRightAfterConfirmation() {
        var tenant = stack.newTenant("menu").withProduct("TART", 1_800, 2);
        // Read once, so the catalog cache holds the product with 2 available.
        assertThat(available(tenant, "TART")).isEqualTo(2);
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("TART", 2));

        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        assertThat(available(tenant, "TART")).isZero();
    }

    @Test
    void ordersThatSellADishOutShowItSoldOutOnTheMenuWithinASecondAndTellTheStream() {
        var tenant = stack.newTenant("sold-out").withProduct("TART", 1_800, 2).withProduct("SODA", 600, 50);
        assertThat(available(tenant, "TART")).isEqualTo(2);
        try (var client = EventStreamClient.withHeader(stack.comanda().apiUrl(), tenant.kitchen(), null)) {
            assertThat(client.catchUp()).isEmpty();
            var first = orders.placeNew(
                    tenant.customer(), OrderRequest.takeaway().item("TART", 1).item("SODA", 1));
            client.eventsUntil(first, "CONFIRMED");
            assertThat(available(tenant, "TART")).isEqualTo(1);

            var second =
                    orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("TART", 1));
            var soldOut = client.until(m -> m.type().equals("stock")).getLast();

            assertThat(soldOut.json().path("step").asString()).isEqualTo("SOLD_OUT");
            assertThat(soldOut.json().path("sku").asString()).isEqualTo("TART");
            assertThat(soldOut.json().path("available").asInt()).isZero();
            assertThat(soldOut.json().has("orderId")).isFalse();
            var committedAt = Instant.parse(soldOut.json().path("at").asString());
            assertThat(awaitAvailable(tenant, "TART", 0))
                    .as("the menu reads 0 within %s of the stock move's commit", FRESH_WITHIN)
                    .isBefore(committedAt.plus(FRESH_WITHIN));
            assertThat(available(tenant, "SODA")).isEqualTo(49);
            orders.awaitStatus(tenant.customer(), second, OrderStatus.CONFIRMED);
        }
    }

    @Test
    void aCancelledOrderBringsTheDishBackInStockOnTheMenuAndTheStreamWithCatchUp() {
        var tenant = stack.newTenant("back-in").withProduct("PIE", 1_200, 1);
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("PIE", 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(available(tenant, "PIE")).isZero();

        var cancelled = orders.cancel(tenant.customer(), orderId);
        assertThat(cancelled.status()).as("cancel: %s", cancelled).isEqualTo(200);
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CANCELLED);
        assertThat(awaitAvailable(tenant, "PIE", 1)).isNotNull();

        // A client connecting afterwards reads both stock events from the database, in the tenant's sequence.
        try (var client = EventStreamClient.withHeader(stack.comanda().apiUrl(), tenant.kitchen(), "?since=0")) {
            var events = client.catchUp();
            assertThat(events)
                    .extracting(Received::seq)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, events.size()).boxed().toList());
            var stock = events.stream().filter(m -> m.type().equals("stock")).toList();
            assertThat(stock)
                    .extracting(m -> m.json().path("step").asString() + " "
                            + m.json().path("available").asInt())
                    .containsExactly("SOLD_OUT 0", "BACK_IN_STOCK 1");
        }
    }

    @Test
    void anAdminRestockOfASoldOutDishReachesLiveClients() {
        var tenant = stack.newTenant("restock").withProduct("STEW", 1_500, 0);
        try (var client = EventStreamClient.withHeader(stack.comanda().apiUrl(), tenant.kitchen(), null)) {
            assertThat(client.catchUp()).isEmpty();

            var restocked = stack.api()
                    .withToken(tenant.admin())
                    .products()
                    .adjustStock("STEW", StockChange.restock(4, "delivery-1"));
            assertThat(restocked.available()).as("restock: %s", restocked).isEqualTo(4);

            var event = client.next();
            assertThat(event.type()).isEqualTo("stock");
            assertThat(List.of(
                            event.json().path("step").asString(),
                            event.json().path("sku").asString(),
                            event.json().path("available").asInt()))
                    .containsExactly("BACK_IN_STOCK", "STEW", 4);
            assertThat(available(tenant, "STEW")).isEqualTo(4);
        }
    }

    /** Polls the menu until {@code sku} shows {@code expected}; the moment it did. */
    private static Instant awaitAvailable(TestTenant tenant, String sku, int expected) {
        var deadline = Instant.now().plus(Orders.DEADLINE);
        while (available(tenant, sku) != expected) {
            assertThat(Instant.now()).as("menu showing %s of %s", expected, sku).isBefore(deadline);
            LockSupport.parkNanos(10_000_000);
        }
        return Instant.now();
    }

    private static int available(TestTenant tenant, String sku) {
        var menu = stack.api().withToken(tenant.customer()).raw().get("/api/v1/products");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(200);
        for (JsonNode product : menu.json()) {
            if (product.get("sku").asString().equals(sku)) {
                return product.get("available").asInt();
            }
        }
        throw new AssertionError(sku + " is not on the menu: " + menu);
    }
}
