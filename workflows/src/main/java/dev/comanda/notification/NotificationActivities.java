package dev.comanda.notification;

import dev.comanda.order.OrderState;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Tells people about an order: the customer by email, the restaurant by an HMAC-signed webhook. Each
 * send is recorded once per order, kind and recipient, so a retry never sends twice.
 */
@ActivityInterface(namePrefix = "Notification")
public interface NotificationActivities {

    @ActivityMethod
    void notify(Notification notification);

    /** {@code idempotencyKey} is per order and kind; the activity adds the recipient. */
    record Notification(String idempotencyKey, NotificationKind kind, OrderState order) {}

    enum NotificationKind {
        CONFIRMED,
        REJECTED,
        CANCELLED,
        READY;

        /** The restaurant hears of orders it must act on; the customer hears of everything. */
        public boolean toRestaurant() {
            return this == CONFIRMED || this == CANCELLED;
        }
    }
}
