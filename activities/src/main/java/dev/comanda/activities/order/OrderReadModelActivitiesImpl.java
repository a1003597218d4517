package dev.comanda.activities.order;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.order.OrderReadModelRepository;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read-model activities: thin over the repository, whose unique keys make every call idempotent.
 * They also count orders: the repository reports what a call actually changed, so a retried local
 * activity counts nothing twice. A progress that carries a notice (the notification of its status) queues it in
 * the notifications' outbox in the same transaction as the status it announces — both or neither, once
 * however often the local activity is retried — and tells the outbox's relay, which sends it once that
 * transaction commits.
 */
@Component
public class OrderReadModelActivitiesImpl implements OrderReadModelActivities {

    private final OrderReadModelRepository repository;
    private final NotificationOutbox outbox;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ComandaMetrics metrics;
    private final OrderTransitionMetrics transitions;

    OrderReadModelActivitiesImpl(
            OrderReadModelRepository repository,
            NotificationOutbox outbox,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            JsonMapper json,
            ComandaMetrics metrics) {
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.json = json;
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
    public void recordPlacedWithProgress(PlaceOrder order, OrderProgress progress) {
        var written = write(progress, () -> repository.insertPlacedWithProgress(order, progress));
        if (written.inserted()) {
            metrics.orderPlaced(order.channel(), order.payment().method());
        }
        written.transition().ifPresent(transitions::record);
    }

    @Override
    public void recordProgress(OrderProgress progress) {
        write(progress, () -> repository.applyProgress(progress)).ifPresent(transitions::record);
    }

    /** Runs {@code change}, and queues the progress's notice in the outbox in the same transaction when it has one. */
    private <T> T write(OrderProgress progress, Supplier<T> change) {
        var notice = progress.notice();
        if (notice == null) {
            return change.get();
        }
        var key = new NotificationOutbox.Key(
                progress.tenantId(), progress.orderId(), notice.kind().name());
        var payload = json.writeValueAsString(notice);
        return transactions.execute(status -> {
            var written = change.get();
            outbox.queue(key, payload);
            events.publishEvent(new NotificationOutbox.Queued(key));
            return written;
        });
    }
}
