package dev.comanda.notification;

import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderState;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Locale;

/**
 * Tells people about an order: the customer by email, the restaurant by an HMAC-signed webhook. Each
 * send is recorded once per order, kind and recipient, so a retry never sends twice.
 */
@ActivityInterface(namePrefix = "Notification")
public interface NotificationActivities {

    @ActivityMethod
    void notify(Notification notification);

    /** {@code idempotencyKey} is per order and kind; the activity adds the recipient. */
    record Notification(String idempotencyKey, NotificationKind kind, OrderState order) {

        /** The notification of {@code kind} announcing {@code order}, under the order's key for that kind. */
        public static Notification about(NotificationKind kind, OrderState order) {
            return new Notification(
                    OrderContract.effectKey(
                            order.orderId(), "notify-" + kind.name().toLowerCase(Locale.ROOT)),
                    kind,
                    order);
        }
    }

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
