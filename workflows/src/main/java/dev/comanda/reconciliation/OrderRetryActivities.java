package dev.comanda.reconciliation;

import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderState;
import dev.comanda.order.PaymentStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The read-model side of an ops retry; the push itself is the external-sync queue's own activity, a notification
 * sent again the outbox's relay's.
 */
@ActivityInterface(namePrefix = "OrderRetry")
public interface OrderRetryActivities {

    /** The order as the read model has it, in the shape a marketplace push carries. */
    @ActivityMethod
    OrderState orderState(String tenantId, String orderId);

    /** Records the marketplace's ID for the order's sync summary. */
    @ActivityMethod
    void recordSynced(String tenantId, String orderId, String channel, String externalId);

    /** Re-runs the order's own refund under its own keys; returns REFUNDED, VOIDED or NONE. */
    @ActivityMethod
    PaymentStatus refund(String tenantId, String orderId);

    /**
     * Queues the order's notification of {@code kind} that gave up once more, with the order as the read model
     * has it now; false when that notification did not give up.
     */
    @ActivityMethod
    boolean sendNoticeAgain(String tenantId, String orderId, NotificationKind kind);
}
