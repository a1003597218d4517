package dev.comanda.order;

import dev.comanda.notification.NotificationActivities.Notification;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The MySQL read model the API lists and shows orders from. Fast local writes: the workflow runs
 * these as local activities. Every method is idempotent: the order ID and each timeline entry's
 * {@code seq} are unique keys.
 */
@ActivityInterface(namePrefix = "ReadModel")
public interface OrderReadModelActivities {

    /** Inserts the order, its items and its first timeline entry as PENDING; a repeat is a no-op. */
    @ActivityMethod
    void recordPlaced(PlaceOrder order, TimelineEntry placed);

    /**
     * An order's first write when it reaches a status before it has to wait for anything: inserts the order and
     * its items as {@link #recordPlaced} does and applies {@code progress}, whose entries start with the
     * placement's, in the same transaction — a card order confirmed in its first workflow task writes the read
     * model once. Idempotent as both are.
     */
    @ActivityMethod
    void recordPlacedWithProgress(PlaceOrder order, OrderProgress progress);

    /**
     * Sets the order's status (and reason, payment and sync summary) and appends timeline entries not yet
     * stored; queues the progress's {@linkplain OrderProgress#notice notice}, once, in the same transaction.
     */
    @ActivityMethod
    void recordProgress(OrderProgress progress);

    /**
     * A status change with the timeline entries that led to it.
     *
     * @param notice a notification the same transaction queues in the notifications' outbox, for the workers'
     *     relay to send once it commits (CONFIRMED; READY, REJECTED and CANCELLED since {@link
     *     OrderContract#NOTICES_OUTBOX_CHANGE}); null when the change calls for none
     */
    record OrderProgress(
            String tenantId,
            String orderId,
            OrderStatus status,
            String reason,
            PaymentState payment,
            List<MarketplaceSync> sync,
            List<TimelineEntry> entries,
            Notification notice) {}
}
