package dev.comanda.activities.inventory;

import static dev.comanda.activities.inventory.InventoryActivitiesTests.orderId;
import static dev.comanda.activities.inventory.InventoryActivitiesTests.request;
import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.activities.order.OrderReadModelActivitiesImpl;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.inventory.InventoryActivities.ReserveStock;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.catalog.CatalogProduct;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.order.OrderEventLog;
import dev.comanda.persistence.order.OrderEventProperties;
import dev.comanda.persistence.order.StockLevel;
import dev.comanda.persistence.order.StockLevel.Step;
import dev.comanda.testing.TenantTopics;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inventory activities' stock events: a move that sells a product out or brings it back appends
 * one row to the tenant's stream in the move's transaction, numbered in the tenant's sequence and
 * published after commit; a move that does neither, or rolls back, appends nothing.
 */
class StockEventsTests extends ActivityTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final Duration TTL = Duration.ofMinutes(15);

    @Autowired
    OrderReadModelActivitiesImpl readModel;

    @Autowired
    InventoryActivitiesImpl inventory;

    @Autowired
    OrderEventLog log;

    @Autowired
    CatalogService catalog;

    @Autowired
    RedissonClient redisson;

    @Autowired
    OrderEventProperties properties;

    private TenantTopics topics;

    @BeforeEach
    void listen() {
        topics = new TenantTopics(redisson, properties);
    }

    @AfterEach
    void unsubscribe() {
        topics.close();
    }

    @Test
    void reservingTheLastUnitsAppendsOneSoldOutEventAndNoEarlierMoveDoes() {
        var tenant = newTenant();
        product(tenant, "tart", 1_800, 3);

        inventory.reserve(request(tenant, orderId(), List.of(new Item("tart", 1))));
        assertThat(stockEvents(tenant)).isEmpty();
        inventory.reserve(request(tenant, orderId(), List.of(new Item("tart", 2))));

        assertThat(stockEvents(tenant)).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.step()).isEqualTo("SOLD_OUT");
            assertThat(e.stock()).isEqualTo(new StockLevel("tart", Step.SOLD_OUT, 0));
            assertThat(e.orderId()).isNull();
        });
        assertThat(log.lastSeq(tenant)).isEqualTo(1);
    }

    @Test
    void releasingAReservationOfASoldOutProductAppendsBackInStock() {
        var tenant = newTenant();
        product(tenant, "pie", 1_200, 2);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("pie", 2))));

        inventory.release(tenant, reservation.reservationKey(), "declined");

        assertThat(stockEvents(tenant))
                .extracting(OrderEvent::seq, OrderEvent::stock)
                .containsExactly(
                        tuple(1L, new StockLevel("pie", Step.SOLD_OUT, 0)),
                        tuple(2L, new StockLevel("pie", Step.BACK_IN_STOCK, 2)));
    }

    @Test
    void restockingACommittedSaleOfASoldOutProductAppendsBackInStockButTheCommitAppendsNothing() {
        var tenant = newTenant();
        product(tenant, "flan", 900, 1);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("flan", 1))));

        inventory.commit(tenant, reservation.reservationKey());
        assertThat(stockEvents(tenant)).extracting(OrderEvent::step).containsExactly("SOLD_OUT");
        inventory.release(tenant, reservation.reservationKey(), "cancelled");

        assertThat(stockEvents(tenant)).extracting(OrderEvent::step).containsExactly("SOLD_OUT", "BACK_IN_STOCK");
    }

    @Test
    void aRetriedReservationOrReleaseAppendsNothingTwice() {
        var tenant = newTenant();
        product(tenant, "cake", 2_000, 1);
        var request = request(tenant, orderId(), List.of(new Item("cake", 1)));

        inventory.reserve(request);
        inventory.reserve(request);
        inventory.release(tenant, request.reservationKey(), "declined");
        inventory.release(tenant, request.reservationKey(), "declined");

        assertThat(stockEvents(tenant)).extracting(OrderEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void aRefusedReservationAppendsNoSoldOutEventForItsOtherLine() {
        var tenant = newTenant();
        product(tenant, "bread", 500, 1);
        product(tenant, "jam", 700, 0);

        assertThatThrownBy(() -> inventory.reserve(
                        request(tenant, orderId(), List.of(new Item("bread", 1), new Item("jam", 1)))))
                .isInstanceOf(ApplicationFailure.class);

        assertThat(stockEvents(tenant)).isEmpty();
        assertThat(log.lastSeq(tenant)).isZero();
    }

    @Test
    void anOfflineSaleThatTakesTheLastUnitsAppendsSoldOutOnce() {
        var tenant = newTenant();
        product(tenant, "wine", 9_000, 2);
        product(tenant, "beer", 1_200, 0);

        inventory.sell(request(tenant, orderId(), List.of(new Item("wine", 5), new Item("beer", 1))));

        assertThat(stockEvents(tenant))
                .extracting(OrderEvent::stock)
                .containsExactly(new StockLevel("wine", Step.SOLD_OUT, 0));
    }

    @Test
    void aStockEventIsPublishedToTheTenantTopicAfterCommit() throws Exception {
        var tenant = newTenant();
        product(tenant, "soup", 800, 1);
        var received = topics.subscribe(tenant);

        inventory.reserve(request(tenant, orderId(), List.of(new Item("soup", 1))));

        var batch = TenantTopics.next(received);
        assertThat(batch).singleElement().satisfies(e -> {
            assertThat(e.tenantId()).isEqualTo(tenant);
            assertThat(e.seq()).isEqualTo(1);
            assertThat(e.stock()).isEqualTo(new StockLevel("soup", Step.SOLD_OUT, 0));
            assertThat(e.publishedAt()).isNotNull();
        });
    }

    @Test
    void theMenuShowsEveryReservationReleaseAndCommitAtOnceWhileTheCacheIsWarm() {
        var tenant = newTenant();
        product(tenant, "stew", 1_500, 4);
        assertThat(menuAvailable(tenant, "stew")).isEqualTo(4);

        var first = inventory.reserve(request(tenant, orderId(), List.of(new Item("stew", 3))));
        assertThat(menuAvailable(tenant, "stew")).isEqualTo(1);
        var second = inventory.reserve(request(tenant, orderId(), List.of(new Item("stew", 1))));
        assertThat(menuAvailable(tenant, "stew")).isZero();
        inventory.commit(tenant, second.reservationKey());
        assertThat(menuAvailable(tenant, "stew")).isZero();
        inventory.release(tenant, first.reservationKey(), "declined");
        assertThat(menuAvailable(tenant, "stew")).isEqualTo(3);
        inventory.release(tenant, second.reservationKey(), "cancelled");
        assertThat(menuAvailable(tenant, "stew")).isEqualTo(4);
    }

    @Test
    void aReleaseEvictsTheCachedCatalogSoPlacementsPreCheckNeverSeesLessThanThereIs() {
        var tenant = newTenant();
        product(tenant, "pie", 1_200, 2);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("pie", 2))));
        // Cached while sold out.
        assertThat(cachedAvailable(tenant, "pie")).isZero();

        inventory.release(tenant, reservation.reservationKey(), "declined");

        assertThat(cachedAvailable(tenant, "pie")).isEqualTo(2);
    }

    private int cachedAvailable(String tenant, String sku) {
        return catalog.findForOrder(tenant, List.of(sku)).get(sku).available();
    }

    private int menuAvailable(String tenant, String sku) {
        return catalog.menu(tenant).stream()
                .filter(p -> p.sku().equals(sku))
                .mapToInt(CatalogProduct::available)
                .findFirst()
                .orElseThrow();
    }

    private List<OrderEvent> stockEvents(String tenant) {
        return log.between(tenant, 0, Long.MAX_VALUE, null, 100).stream()
                .filter(OrderEvent::concernsStock)
                .toList();
    }

    @Test
    void stockEventsAreNumberedInTheSameTenantSequenceAndLeftOutOfAnOrdersRead() {
        var tenant = newTenant();
        product(tenant, "tart", 1_800, 1);
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));

        inventory.reserve(new ReserveStock(
                tenant, order.orderId(), order.orderId() + ":reservation", List.of(new Item("tart", 1)), TTL));
        readModel.recordProgress(progress(order, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0))));

        var events = log.between(tenant, 0, Long.MAX_VALUE, null, 100);
        assertThat(events).extracting(OrderEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(OrderEvent::step).containsExactly("step-0", "SOLD_OUT", "step-1");
        assertThat(events.get(1).stock()).isEqualTo(new StockLevel("tart", StockLevel.Step.SOLD_OUT, 0));
        assertThat(log.between(tenant, 0, Long.MAX_VALUE, order.orderId(), 100))
                .extracting(OrderEvent::seq)
                .containsExactly(1L, 3L);
    }
}
