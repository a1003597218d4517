package dev.comanda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.observability.ComandaMetrics.CircuitState;
import dev.comanda.observability.ComandaMetrics.Compensation;
import dev.comanda.observability.ComandaMetrics.PaymentOperation;
import dev.comanda.observability.ComandaMetrics.PaymentOutcome;
import dev.comanda.observability.ComandaMetrics.SyncFailure;
import dev.comanda.order.Actor;
import dev.comanda.order.Channel;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ComandaMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ComandaMetrics metrics =
            new ComandaMetrics(registry, new ObservabilityProperties(3, ObservabilityProperties.DEFAULTS.buckets()));

    @Test
    void enumerableSeriesExistAtZeroBeforeAnyEvent() {
        assertThat(registry.get(ComandaMetrics.ORDERS_PLACED).counters())
                .hasSize(Channel.values().length * PaymentMethod.values().length);
        assertThat(registry.get(ComandaMetrics.ORDERS_ENDED)
                        .tag("status", "rejected")
                        .tag("reason", "payment_declined")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(ComandaMetrics.COMPENSATIONS).counters()).hasSize(Compensation.values().length);
        assertThat(registry.get(ComandaMetrics.RESERVATIONS_EXPIRED).counter().count())
                .isZero();
    }

    @Test
    void placedOrdersAreCountedByChannelAndPaymentMethod() {
        metrics.orderPlaced(Channel.QR_MENU, PaymentMethod.PIX);

        assertThat(registry.get(ComandaMetrics.ORDERS_PLACED)
                        .tag("channel", "qr_menu")
                        .tag("payment_method", "pix")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void endedOrdersCarryAKnownReasonOrNone() {
        metrics.orderEnded(OrderStatus.CANCELLED, "NOT_ACCEPTED_IN_TIME");
        metrics.orderEnded(OrderStatus.COMPLETED, null);
        metrics.orderEnded(OrderStatus.REJECTED, "something an order ID could hide in");

        var ended = registry.get(ComandaMetrics.ORDERS_ENDED);
        assertThat(ended.tag("status", "cancelled")
                        .tag("reason", "not_accepted_in_time")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(ComandaMetrics.ORDERS_ENDED)
                        .tag("status", "completed")
                        .tag("reason", "none")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(ComandaMetrics.ORDERS_ENDED)
                        .tag("status", "rejected")
                        .tag("reason", "other")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void stageLatencyIsATimerPerStageWithFixedBuckets() {
        metrics.orderReachedStage(OrderStatus.CONFIRMED, Duration.ofMillis(800));

        var timer = registry.get(ComandaMetrics.STAGE_LATENCY)
                .tag("stage", "confirmed")
                .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.takeSnapshot().histogramCounts())
                .hasSize(
                        ObservabilityProperties.DEFAULTS.buckets().orderStages().size());
    }

    @Test
    void paymentCallsAreTimedByOperationAndOutcome() {
        metrics.paymentRequest(PaymentOperation.CHARGE, PaymentOutcome.UNAVAILABLE, Duration.ofMillis(30));

        assertThat(registry.get(ComandaMetrics.PAYMENT_REQUESTS)
                        .tag("operation", "charge")
                        .tag("outcome", "unavailable")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void marketplaceChannelsBeyondTheCapShareTheOtherLabel() {
        IntStream.range(0, 5).forEach(i -> metrics.marketplaceSyncFailed("market-" + i, SyncFailure.ERROR));
        metrics.marketplaceSyncFailed("Not A Slug", SyncFailure.CIRCUIT_OPEN);

        var failures = registry.get(ComandaMetrics.SYNC_FAILURES).counters();
        assertThat(failures)
                .extracting(c -> c.getId().getTag("channel"))
                .containsExactlyInAnyOrder("market-0", "market-1", "market-2", "other", "other");
        assertThat(registry.get(ComandaMetrics.SYNC_FAILURES)
                        .tag("channel", "other")
                        .tag("failure", "error")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void circuitBreakerGaugesReadTheStateCountsOncePerChannel() {
        metrics.watchCircuitBreakers("ifood", state -> state == CircuitState.OPEN ? 2 : 0);
        metrics.watchCircuitBreakers("ifood", state -> 99);

        assertThat(registry.get(ComandaMetrics.CIRCUIT_BREAKERS)
                        .tag("channel", "ifood")
                        .tag("state", "open")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(registry.get(ComandaMetrics.CIRCUIT_BREAKERS).gauges()).hasSize(CircuitState.values().length);
    }

    @Test
    void rateLimitedRequestsAreCountedByRole() {
        metrics.rateLimited(Actor.KITCHEN);

        assertThat(registry.get(ComandaMetrics.RATE_LIMITED)
                        .tag("role", "kitchen")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
