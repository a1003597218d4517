package dev.comanda.activities.order;

import static dev.comanda.testing.ReadModelOrders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order meters the read model emits, counted only for writes that applied: the local activities
 * that write it may run twice. Counts are compared before and after, since the registry is shared by
 * every suite of the context.
 */
class OrderMetricsTests extends ActivityTestSupport {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    OrderReadModelActivitiesImpl readModel;

    @Autowired
    MeterRegistry meters;

    @Test
    void anOrderRecordedTwiceIsCountedAsPlacedOnce() {
        var order = placed(newTenant(), T0, 2500);
        var before = placedWebCard();

        readModel.recordPlaced(order, step(0, "PLACED", OrderStatus.PENDING, 0));
        readModel.recordPlaced(order, step(0, "PLACED", OrderStatus.PENDING, 0));

        assertThat(placedWebCard() - before).isEqualTo(1);
    }

    @Test
    void aRepeatedTerminalWriteCountsTheOutcomeAndItsCompensationsOnce() {
        var order = placed(newTenant(), T0, 2500);
        readModel.recordPlaced(order, step(0, "PLACED", OrderStatus.PENDING, 0));
        var rejected = progress(
                order,
                OrderStatus.REJECTED,
                "PAYMENT_DECLINED",
                step(1, "STOCK_RESERVED", OrderStatus.PENDING, 1),
                step(2, "STOCK_RELEASED", OrderStatus.PENDING, 2),
                step(3, "PAYMENT_NONE", OrderStatus.PENDING, 2),
                step(4, "REJECTED", OrderStatus.REJECTED, 3));
        var endedBefore = ended("rejected", "payment_declined");
        var releasedBefore = compensations("stock_released");

        readModel.recordProgress(rejected);
        readModel.recordProgress(rejected);

        assertThat(ended("rejected", "payment_declined") - endedBefore).isEqualTo(1);
        assertThat(compensations("stock_released") - releasedBefore).isEqualTo(1);
    }

    @Test
    void stageLatencyRunsFromThePlacementEntryToTheStatusEntry() {
        var order = placed(newTenant(), T0, 2500);
        readModel.recordPlaced(order, step(0, "PLACED", OrderStatus.PENDING, 0));
        var timer = meters.get("comanda.orders.stage.latency")
                .tag("stage", "confirmed")
                .timer();
        var countBefore = timer.count();
        var secondsBefore = timer.totalTime(TimeUnit.SECONDS);

        readModel.recordProgress(progress(
                order,
                OrderStatus.CONFIRMED,
                null,
                step(1, "PAYMENT_CHARGED", OrderStatus.PENDING, 2),
                step(2, "CONFIRMED", OrderStatus.CONFIRMED, 3)));

        assertThat(timer.count() - countBefore).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS) - secondsBefore).isEqualTo(3.0);
    }

    @Test
    void anOrderWrittenWithItsFirstStatusTwiceIsCountedOnceAndItsStageTimedFromThePlacement() {
        var order = placed(newTenant(), T0, 2500);
        var placedBefore = placedWebCard();
        var timer = meters.get("comanda.orders.stage.latency")
                .tag("stage", "confirmed")
                .timer();
        var countBefore = timer.count();
        var secondsBefore = timer.totalTime(TimeUnit.SECONDS);
        var confirmed = progress(
                order,
                OrderStatus.CONFIRMED,
                null,
                step(0, "PLACED", OrderStatus.PENDING, 0),
                step(1, "PAYMENT_CHARGED", OrderStatus.PENDING, 2),
                step(2, "CONFIRMED", OrderStatus.CONFIRMED, 3));

        readModel.recordPlacedWithProgress(order, confirmed);
        readModel.recordPlacedWithProgress(order, confirmed);

        assertThat(placedWebCard() - placedBefore).isEqualTo(1);
        assertThat(timer.count() - countBefore).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS) - secondsBefore).isEqualTo(3.0);
    }

    private double placedWebCard() {
        return meters.get("comanda.orders.placed")
                .tag("channel", "web")
                .tag("payment_method", "card")
                .counter()
                .count();
    }

    private double ended(String status, String reason) {
        return meters.get("comanda.orders.ended")
                .tag("status", status)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private double compensations(String kind) {
        return meters.get("comanda.compensations").tag("kind", kind).counter().count();
    }

    private static TimelineEntry step(int seq, String step, OrderStatus status, long secondsAfterPlacement) {
        return new TimelineEntry(seq, step, status, T0.plusSeconds(secondsAfterPlacement), null);
    }

    private static OrderReadModelActivities.OrderProgress progress(
            PlaceOrder order, OrderStatus status, String reason, TimelineEntry... entries) {
        return new OrderReadModelActivities.OrderProgress(
                order.tenantId(), order.orderId(), status, reason, null, null, List.of(entries), null);
    }
}
