package dev.comanda.activities.reconciliation;

import static dev.comanda.order.OrderContract.effectKey;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.notification.NotificationActivities;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PaymentStatus;
import dev.comanda.order.TimelineEntry;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.Refund;
import dev.comanda.payment.PaymentActivities.RefundRequest;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderView;
import dev.comanda.reconciliation.ReconciliationContract;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ends an order whose workflow is gone, doing what its saga would have done, through the same code
 * and under the same idempotency keys: the reservation is released (or restocked) by
 * {@code <orderId>:reservation}, the charge refunded (or the PIX voided) by {@code <orderId>:refund},
 * the read model gets one more timeline entry, the customer one email per kind. A pending order is
 * REJECTED, a confirmed one CANCELLED (both RECONCILED); a handed-over one only lacked its COMPLETED.
 * These are in-process calls rather than activities of their own, so a repair costs the run's history
 * one activity however many steps it takes; each step is idempotent, so a retry redoes only what is missing.
 */
@Component
class LostOrderRepair {

    static final String RELEASE_REASON = "order reconciled";

    private final OrderQueries orders;
    private final InventoryActivities inventory;
    private final PaymentActivities payments;
    private final OrderReadModelActivities readModel;
    private final NotificationActivities notifications;
    private final Clock clock;

    LostOrderRepair(
            OrderQueries orders,
            InventoryActivities inventory,
            PaymentActivities payments,
            OrderReadModelActivities readModel,
            NotificationActivities notifications) {
        this.orders = orders;
        this.inventory = inventory;
        this.payments = payments;
        this.readModel = readModel;
        this.notifications = notifications;
        this.clock = Clock.systemUTC();
    }

    /** What the repair did, in words for the finding; {@code changed} false when the order had already ended. */
    record Outcome(boolean changed, String detail) {}

    Outcome repair(String tenantId, String orderId) {
        var found = orders.find(tenantId, orderId);
        if (found.isEmpty()) {
            return new Outcome(false, "no order row");
        }
        var order = found.get();
        if (order.status().isTerminal()) {
            if (!ReconciliationContract.RECONCILED.equals(order.reason())) {
                return new Outcome(false, "already " + order.status());
            }
            // Ended by an earlier attempt of this repair: only the notification may still be missing.
            notify(order);
            return new Outcome(false, "already reconciled");
        }
        var target = order.status() == OrderStatus.PENDING
                ? OrderStatus.REJECTED
                : order.status().isHandedOver() ? OrderStatus.COMPLETED : OrderStatus.CANCELLED;
        var payment = order.payment();
        var detail = new StringBuilder("workflow lost at " + order.status());
        if (target != OrderStatus.COMPLETED) {
            var stock = inventory.release(tenantId, effectKey(orderId, "reservation"), RELEASE_REASON);
            detail.append("; stock ").append(stock);
            if (order.payment().method() != PaymentMethod.CASH) {
                var refund = payments.refund(new RefundRequest(
                        tenantId,
                        orderId,
                        effectKey(orderId, "refund"),
                        effectKey(orderId, "charge"),
                        OrderContract.REFUND_REASON));
                detail.append("; payment ").append(refund.status());
                payment = afterRefund(order, refund);
            }
        }
        var lastSeq =
                order.timeline().stream().mapToInt(TimelineEntry::seq).max().orElse(0);
        var entry = new TimelineEntry(
                lastSeq + 1, ReconciliationContract.RECONCILED_STEP, target, clock.instant(), detail.toString());
        readModel.recordProgress(new OrderProgress(
                tenantId,
                orderId,
                target,
                target == OrderStatus.COMPLETED ? null : ReconciliationContract.RECONCILED,
                payment,
                null,
                List.of(entry),
                null));
        orders.find(tenantId, orderId).ifPresent(this::notify);
        return new Outcome(true, detail + "; ended " + target);
    }

    /** The payment summary after the refund: what the order's own saga would have recorded. */
    private static PaymentState afterRefund(OrderView order, Refund refund) {
        var payment = order.payment();
        var zero = Money.zero(order.total().currency());
        return switch (refund.status()) {
            case REFUNDED ->
                new PaymentState(
                        payment.method(),
                        PaymentStatus.REFUNDED,
                        payment.providerChargeId(),
                        payment.pixCode(),
                        refund.amount(),
                        refund.amount());
            case VOIDED ->
                new PaymentState(
                        payment.method(),
                        PaymentStatus.VOIDED,
                        payment.providerChargeId(),
                        payment.pixCode(),
                        zero,
                        zero);
            default -> payment;
        };
    }

    private void notify(OrderView order) {
        var kind = switch (order.status()) {
            case REJECTED -> NotificationKind.REJECTED;
            case CANCELLED -> NotificationKind.CANCELLED;
            default -> null;
        };
        if (kind == null) {
            return;
        }
        notifications.notify(Notification.about(kind, OrderStates.of(order)));
    }
}
