package dev.comanda.activities.reconciliation;

import static dev.comanda.order.OrderContract.effectKey;

import dev.comanda.activities.notification.GivenUpNotices;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.order.OrderState;
import dev.comanda.order.PaymentStatus;
import dev.comanda.order.SyncStatus;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.RefundRequest;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.reconciliation.OrderRetryActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The activities of an ops retry, through the owning domains' idempotent code: the read model is
 * written by its own activity (a summary-only progress: the status stays), the refund by the payment
 * activity under the order's keys, a notification sent again by the outbox's relay.
 */
@Component
public class OrderRetryActivitiesImpl implements OrderRetryActivities {

    /** Non-retryable: the order is not in the read model. */
    static final String NO_ORDER = "NoOrder";

    private final OrderQueries orders;
    private final OrderReadModelActivities readModel;
    private final PaymentActivities payments;
    private final GivenUpNotices notices;

    OrderRetryActivitiesImpl(
            OrderQueries orders,
            OrderReadModelActivities readModel,
            PaymentActivities payments,
            GivenUpNotices notices) {
        this.orders = orders;
        this.readModel = readModel;
        this.payments = payments;
        this.notices = notices;
    }

    @Override
    public OrderState orderState(String tenantId, String orderId) {
        return OrderStates.of(find(tenantId, orderId));
    }

    @Override
    public void recordSynced(String tenantId, String orderId, String channel, String externalId) {
        var order = find(tenantId, orderId);
        var sync = new ArrayList<MarketplaceSync>();
        for (var entry : order.sync()) {
            if (!entry.channel().equals(channel)) {
                sync.add(entry);
            }
        }
        sync.add(new MarketplaceSync(channel, SyncStatus.SYNCED, externalId, null));
        // No entries: the read model applies the summaries and keeps the status as it is.
        readModel.recordProgress(
                new OrderProgress(tenantId, orderId, order.status(), order.reason(), null, sync, List.of(), null));
    }

    @Override
    public PaymentStatus refund(String tenantId, String orderId) {
        find(tenantId, orderId);
        return payments.refund(new RefundRequest(
                        tenantId,
                        orderId,
                        effectKey(orderId, "refund"),
                        effectKey(orderId, "charge"),
                        OrderContract.REFUND_REASON))
                .status();
    }

    @Override
    public boolean sendNoticeAgain(String tenantId, String orderId, NotificationKind kind) {
        return notices.sendAgain(kind, orderState(tenantId, orderId));
    }

    private dev.comanda.persistence.order.OrderView find(String tenantId, String orderId) {
        return orders.find(tenantId, orderId)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no order " + orderId + " for tenant " + tenantId, NO_ORDER));
    }
}
