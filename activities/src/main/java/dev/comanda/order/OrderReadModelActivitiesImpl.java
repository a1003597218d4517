package dev.comanda.order;

import org.springframework.stereotype.Component;

/** The read-model activities: thin over the repository, whose unique keys make both calls idempotent. */
@Component
public class OrderReadModelActivitiesImpl implements OrderReadModelActivities {

    private final OrderReadModelRepository repository;

    OrderReadModelActivitiesImpl(OrderReadModelRepository repository) {
        this.repository = repository;
    }

    @Override
    public void recordPlaced(PlaceOrder order, TimelineEntry placed) {
        repository.insertPlaced(order, placed);
    }

    @Override
    public void recordProgress(OrderProgress progress) {
        repository.applyProgress(progress);
    }
}
