package dev.comanda.activities.order;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.Compensation;
import dev.comanda.persistence.order.OrderReadModelRepository;
import java.time.Duration;
import java.util.Map;

/**
 * Turns an applied read-model transition into order meters: the time from placement to the new status
 * (both ends workflow time from the timeline), the terminal outcome with its reason, and the saga's
 * compensations, recognised by the timeline steps the workflow writes when an undo changed something.
 */
final class OrderTransitionMetrics {

    /** Steps of {@code OrderLedger}: {@code STOCK_<reservation status>} and {@code PAYMENT_<refund status>}. */
    private static final Map<String, Compensation> COMPENSATION_STEPS = Map.of(
            "STOCK_RELEASED", Compensation.STOCK_RELEASED,
            "STOCK_RESTOCKED", Compensation.STOCK_RESTOCKED,
            "PAYMENT_REFUNDED", Compensation.PAYMENT_REFUNDED,
            "PAYMENT_VOIDED", Compensation.PAYMENT_VOIDED);

    private final ComandaMetrics metrics;

    OrderTransitionMetrics(ComandaMetrics metrics) {
        this.metrics = metrics;
    }

    void record(OrderReadModelRepository.Transition transition) {
        for (var entry : transition.added()) {
            var compensation = COMPENSATION_STEPS.get(entry.step());
            if (compensation != null) {
                metrics.compensated(compensation);
            }
        }
        var to = transition.to();
        if (to == transition.from()) {
            return;
        }
        var reached = transition.added().stream()
                .filter(e -> e.step().equals(to.name()))
                .reduce((first, second) -> second);
        if (reached.isPresent() && transition.placedAt() != null) {
            metrics.orderReachedStage(
                    to, Duration.between(transition.placedAt(), reached.get().at()));
        }
        if (to.isTerminal() && !transition.from().isTerminal()) {
            metrics.orderEnded(to, transition.reason());
        }
    }
}
