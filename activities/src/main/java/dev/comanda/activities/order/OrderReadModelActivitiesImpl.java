package dev.comanda.activities.order;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.order.OrderReadModelRepository;
import org.springframework.stereotype.Component;

/**
 * The read-model activities: thin over the repository, whose unique keys make both calls idempotent.
 * They also count orders: the repository reports what a call actually changed, so a retried local
 * activity counts nothing twice.
 */
@Component
public class OrderReadModelActivitiesImpl implements OrderReadModelActivities {

    private final OrderReadModelRepository repository;
    private final ComandaMetrics metrics;
    private final OrderTransitionMetrics transitions;

    OrderReadModelActivitiesImpl(OrderReadModelRepository repository, ComandaMetrics metrics) {
        this.repository = repository;
        this.metrics = metrics;
        this.transitions = new OrderTransitionMetrics(metrics);
    }

    @Override
    public void recordPlaced(PlaceOrder order, TimelineEntry placed) {
        if (repository.insertPlaced(order, placed)) {
            metrics.orderPlaced(order.channel(), order.payment().method());
        }
    }

    @Override
    public void recordProgress(OrderProgress progress) {
        repository.applyProgress(progress).ifPresent(transitions::record);
    }
}
