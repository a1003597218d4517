package dev.comanda.activities.order;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PaymentStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.SyncStatus;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.order.OrderQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderReadModelActivitiesTests extends ActivityTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    /** Each round is one race; a deadlock shows up in a few of twenty rounds without the row lock. */
    private static final int CONCURRENT_ROUNDS = 20;

    @Autowired
    OrderReadModelActivitiesImpl readModel;

    @Autowired
    OrderQueries queries;

    @Test
    void recordPlacedTwiceWritesTheOrderOnce() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        var first = entry(0, OrderStatus.PENDING, T0);

        readModel.recordPlaced(order, first);
        readModel.recordPlaced(order, first);

        assertThat(count("orders", order.orderId())).isOne();
        assertThat(count("order_items", order.orderId())).isEqualTo(2);
        assertThat(count("order_events", order.orderId())).isOne();
        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(view.total()).isEqualTo(new Money(5500, "BRL"));
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.items()).isEqualTo(order.lines());
        assertThat(view.timeline()).containsExactly(first);
        assertThat(view.customer()).isEqualTo(order.customer());
        assertThat(view.fulfilment()).isEqualTo(order.fulfilment());
        assertThat(view.workflowId()).isEqualTo(OrderContract.workflowId(tenant, order.orderId()));
    }

    @Test
    void anOrderWrittenWithItsFirstStatusTwiceIsWrittenOnce() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        var entries = List.of(
                entry(0, OrderStatus.PENDING, T0),
                entry(1, OrderStatus.PENDING, T0.plusSeconds(1)),
                entry(2, OrderStatus.CONFIRMED, T0.plusSeconds(2)));
        var confirmed = progress(order, OrderStatus.CONFIRMED, entries);

        readModel.recordPlacedWithProgress(order, confirmed);
        // A retried local activity: the order, its items and its entries are there already.
        readModel.recordPlacedWithProgress(order, confirmed);

        assertThat(count("orders", order.orderId())).isOne();
        assertThat(count("order_items", order.orderId())).isEqualTo(2);
        assertThat(count("order_events", order.orderId())).isEqualTo(3);
        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(view.items()).isEqualTo(order.lines());
        assertThat(view.customer()).isEqualTo(order.customer());
        assertThat(view.timeline()).isEqualTo(entries);
    }

    @Test
    void anOrderWrittenAsPlacedBeforeGetsItsFirstStatusApplied() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        var placement = entry(0, OrderStatus.PENDING, T0);
        readModel.recordPlaced(order, placement);

        readModel.recordPlacedWithProgress(
                order, progress(order, OrderStatus.REJECTED, List.of(placement, entry(1, OrderStatus.REJECTED, T0))));

        assertThat(count("orders", order.orderId())).isOne();
        assertThat(count("order_events", order.orderId())).isEqualTo(2);
        assertThat(queries.find(tenant, order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void aFirstWriteWithoutThePlacementEntryIsRefusedAndWritesNothing() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        var withoutPlacement = progress(order, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0)));

        assertThatThrownBy(() -> readModel.recordPlacedWithProgress(order, withoutPlacement))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq 0");
        assertThat(count("orders", order.orderId())).isZero();
    }

    @Test
    void recordProgressTwiceAppendsEachEntryOnce() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var entries = List.of(
                entry(1, OrderStatus.PENDING, T0.plusSeconds(1)), entry(2, OrderStatus.CONFIRMED, T0.plusSeconds(2)));

        readModel.recordProgress(progress(order, OrderStatus.CONFIRMED, entries));
        readModel.recordProgress(progress(order, OrderStatus.CONFIRMED, entries));

        assertThat(count("order_events", order.orderId())).isEqualTo(3);
        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(view.timeline()).extracting(TimelineEntry::seq).containsExactly(0, 1, 2);
    }

    @Test
    void lateProgressNeverMovesTheStatusBack() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var confirmed = progress(order, OrderStatus.CONFIRMED, List.of(entry(2, OrderStatus.CONFIRMED, T0)));
        var accepted = progress(order, OrderStatus.ACCEPTED, List.of(entry(3, OrderStatus.ACCEPTED, T0)));

        readModel.recordProgress(accepted);
        readModel.recordProgress(confirmed);

        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(view.timeline()).extracting(TimelineEntry::seq).containsExactly(0, 2, 3);
    }

    @Test
    void progressStoresPaymentReasonAndSyncSummary() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var payment = new PaymentState(
                PaymentMethod.CARD,
                PaymentStatus.REFUNDED,
                "ch_1",
                null,
                new Money(5500, "BRL"),
                new Money(5500, "BRL"));
        var sync = List.of(
                new MarketplaceSync("ifood", SyncStatus.SYNCED, "if-9", null),
                new MarketplaceSync("rappi", SyncStatus.FAILED, null, "503"));
        var at = T0.plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MICROS);

        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant,
                order.orderId(),
                OrderStatus.CANCELLED,
                "CUSTOMER_REQUEST",
                payment,
                sync,
                List.of(entry(1, OrderStatus.CANCELLED, at)),
                null));

        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.reason()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(view.payment()).isEqualTo(payment);
        assertThat(view.sync()).isEqualTo(sync);
    }

    @Test
    void progressWithoutEntriesKeepsTheStatusButUpdatesTheSync() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var sync = List.of(new MarketplaceSync("ifood", SyncStatus.SYNCING, null, null));

        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant, order.orderId(), OrderStatus.COMPLETED, null, null, sync, List.of(), null));

        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(view.sync()).isEqualTo(sync);
    }

    @Test
    void progressWithoutEntriesAppliesItsPaymentAndKeepsTheStatus() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var payment = new PaymentState(PaymentMethod.PIX, PaymentStatus.PENDING, "ch_7", "pix-code", null, null);

        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant, order.orderId(), OrderStatus.CONFIRMED, null, payment, null, List.of(), null));

        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(view.payment().providerChargeId()).isEqualTo("ch_7");
        assertThat(view.payment().pixCode()).isEqualTo("pix-code");
        assertThat(view.payment().status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aMarketplaceRowFollowsItsLatestStateAndOneWithoutMarketplacesHasNone() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant,
                order.orderId(),
                OrderStatus.CONFIRMED,
                null,
                null,
                List.of(),
                List.of(entry(1, OrderStatus.CONFIRMED, T0)),
                null));
        assertThat(queries.find(tenant, order.orderId()).orElseThrow().sync()).isEmpty();

        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant,
                order.orderId(),
                OrderStatus.ACCEPTED,
                null,
                null,
                List.of(new MarketplaceSync("ifood", SyncStatus.FAILED, null, "503")),
                List.of(entry(2, OrderStatus.ACCEPTED, T0)),
                null));
        var synced = List.of(new MarketplaceSync("ifood", SyncStatus.SYNCED, "if-9", null));
        readModel.recordProgress(new OrderReadModelActivities.OrderProgress(
                tenant, order.orderId(), OrderStatus.ACCEPTED, null, null, synced, List.of(), null));

        var view = queries.find(tenant, order.orderId()).orElseThrow();
        assertThat(view.sync()).isEqualTo(synced);
        assertThat(view.timeline()).extracting(TimelineEntry::seq).containsExactly(0, 1, 2);
    }

    /** An update handler and the workflow's main path record progress of one order at the same time. */
    @Test
    void concurrentProgressOfOneOrderIsAppliedWithoutDeadlock() throws Exception {
        var tenant = newTenant();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < CONCURRENT_ROUNDS; round++) {
                var order = placed(tenant, T0.plusSeconds(round), 2500);
                readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
                var start = new CyclicBarrier(2);
                var delivered = pool.submit(() -> record(start, order, OrderStatus.DELIVERED, 1));
                var completed = pool.submit(() -> record(start, order, OrderStatus.COMPLETED, 2));

                delivered.get(30, TimeUnit.SECONDS);
                completed.get(30, TimeUnit.SECONDS);

                assertThat(count("order_events", order.orderId())).isEqualTo(3);
                assertThat(queries.find(tenant, order.orderId()).orElseThrow().status())
                        .isEqualTo(OrderStatus.COMPLETED);
            }
        }
    }

    private Void record(CyclicBarrier start, PlaceOrder order, OrderStatus status, int seq) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        readModel.recordProgress(progress(order, status, List.of(entry(seq, status, T0.plusSeconds(seq)))));
        return null;
    }

    private long count(String table, String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE order_id = ?")
                .params(orderId)
                .query(Long.class)
                .single();
    }
}
