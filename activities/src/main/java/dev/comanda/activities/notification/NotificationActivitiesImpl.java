package dev.comanda.activities.notification;

import dev.comanda.notification.NotificationActivities;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/**
 * The notification activity, for orders of earlier builds that sent their READY, REJECTED or CANCELLED notice
 * through it (new orders queue every notice in the outbox): {@link NotificationDelivery} sends what is still
 * missing, and a recipient it could not reach fails the attempt, retryable, for Temporal to try again.
 */
@Component
class NotificationActivitiesImpl implements NotificationActivities {

    /** Retryable: some recipient could not be reached this time. */
    static final String NOTIFICATION_FAILED = "NotificationFailed";

    private final NotificationDelivery delivery;

    NotificationActivitiesImpl(NotificationDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void notify(Notification notification) {
        try {
            delivery.deliver(notification);
        } catch (NotificationDelivery.NotDelivered e) {
            throw ApplicationFailure.newFailure(e.getMessage(), NOTIFICATION_FAILED);
        }
    }
}
