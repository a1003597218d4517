package dev.comanda.activities.notification;

import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderState;
import dev.comanda.persistence.notification.NotificationOutbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator's "send it again" for a notification that gave up (its hour of retries ran out: the SMTP server or
 * the restaurant's webhook was down): its outbox row is queued once more with the order as it is now (the
 * given-up row's payload, the customer's data, was cleared), and the relay sends it as it sends any row, right
 * after the commit. Under the notification's own idempotency key, so each recipient that had it already is not
 * sent it twice ({@link NotificationDelivery}), and the restaurant's webhook can drop a duplicate.
 */
@Component
public class GivenUpNotices {

    private final NotificationOutbox outbox;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    GivenUpNotices(
            NotificationOutbox outbox,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            JsonMapper json) {
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.json = json;
    }

    /**
     * Queues the order's given-up notification of {@code kind} again, announcing {@code order}; answers false,
     * changing nothing, when that notification did not give up (sent, still being tried, or never queued).
     */
    public boolean sendAgain(NotificationKind kind, OrderState order) {
        var key = new NotificationOutbox.Key(order.tenantId(), order.orderId(), kind.name());
        var payload = json.writeValueAsString(Notification.about(kind, order));
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!outbox.requeueGivenUp(key, payload)) {
                return false;
            }
            events.publishEvent(new NotificationOutbox.Queued(key));
            return true;
        }));
    }
}
