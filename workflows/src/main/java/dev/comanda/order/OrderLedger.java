package dev.comanda.order;

import dev.comanda.inventory.InventoryActivities.Reservation;
import dev.comanda.inventory.InventoryActivities.Sale;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.payment.PaymentActivities.Charge;
import dev.comanda.payment.PaymentActivities.Refund;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one order inside its workflow: status, money, reservation, marketplace sync and
 * the timeline. Every change appends a timeline entry stamped with workflow time, so the state is
 * deterministic on replay and the timeline explains every status. Not thread-safe and need not be:
 * workflow code runs one thread at a time.
 */
final class OrderLedger {

    private final PlaceOrder order;
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final Map<String, MarketplaceSync> sync = new LinkedHashMap<>();
    private OrderStatus status = OrderStatus.PENDING;
    private RejectionReason rejectionReason;
    private CancellationReason cancellationReason;
    private PaymentState payment;
    private ReservationState reservation;
    private int recordedEntries;

    OrderLedger(PlaceOrder order) {
        this.order = order;
        var zero = Money.zero(order.total().currency());
        this.payment = new PaymentState(order.payment().method(), PaymentStatus.NONE, null, null, zero, zero);
        this.reservation = new ReservationState(null, ReservationStatus.NONE, null);
        append(
                "PLACED",
                order.channel() + ", " + order.lines().size() + " line(s), total "
                        + order.total().cents());
    }

    PlaceOrder order() {
        return order;
    }

    OrderStatus status() {
        return status;
    }

    PaymentState payment() {
        return payment;
    }

    ReservationState reservation() {
        return reservation;
    }

    TimelineEntry firstEntry() {
        return timeline.getFirst();
    }

    void reserved(Reservation r) {
        reservation = new ReservationState(r.reservationKey(), r.status(), r.expiresAt());
        append("STOCK_RESERVED", "until " + r.expiresAt());
    }

    void charged(Charge charge) {
        var pending = charge.status() == PaymentStatus.PENDING;
        payment = new PaymentState(
                payment.method(),
                charge.status(),
                charge.providerChargeId(),
                charge.pixCode(),
                pending ? payment.charged() : charge.amount(),
                payment.refunded());
        append(pending ? "PIX_PENDING" : "PAYMENT_CHARGED", charge.providerChargeId());
    }

    void pixPaid(String providerChargeId) {
        payment = new PaymentState(
                payment.method(),
                PaymentStatus.SUCCEEDED,
                providerChargeId,
                payment.pixCode(),
                order.total(),
                payment.refunded());
        append("PIX_CONFIRMED", providerChargeId);
    }

    /** An offline order's stock, sold outright; a shortfall is told to the kitchen through the timeline. */
    void sold(Sale sale) {
        reservation = new ReservationState(sale.reservationKey(), sale.status(), sale.soldAt());
        append("STOCK_COMMITTED", "sold at the counter");
        if (!sale.deficits().isEmpty()) {
            var shortfall = new java.util.TreeMap<>(sale.deficits());
            append("STOCK_DEFICIT", "sold beyond stock: " + shortfall);
        }
    }

    /** The sync rules that flagged an offline order, one timeline entry each, for the manager's review. */
    void offlineFlags(OfflineOrigin origin) {
        for (var flag : origin.flags()) {
            append("SYNC_FLAGGED", flag);
        }
    }

    /** Collected at the counter before the order reached Comanda: the total counts as charged. */
    void paidAtCounter() {
        payment = new PaymentState(
                payment.method(), PaymentStatus.PAID_AT_COUNTER, null, null, order.total(), payment.refunded());
        append("PAID_AT_COUNTER", null);
    }

    /** The counter hands the money back (a cancelled counter order): refunded equals what was charged. */
    void refundedAtCounter() {
        payment = new PaymentState(
                payment.method(), PaymentStatus.REFUNDED_AT_COUNTER, null, null, payment.charged(), payment.charged());
        append("REFUNDED_AT_COUNTER", null);
    }

    void cashOnDelivery() {
        payment = new PaymentState(
                payment.method(), PaymentStatus.ON_DELIVERY, null, null, payment.charged(), payment.refunded());
        append("PAYMENT_ON_DELIVERY", null);
    }

    void refunded(Refund refund) {
        var refunded = refund.status() == PaymentStatus.REFUNDED
                ? payment.refunded().plus(refund.amount())
                : payment.refunded();
        payment = new PaymentState(
                payment.method(),
                refund.status(),
                payment.providerChargeId(),
                payment.pixCode(),
                payment.charged(),
                refunded);
        append("PAYMENT_" + refund.status(), refund.providerRefundId());
    }

    void committed() {
        reservation = new ReservationState(
                reservation.reservationKey(), ReservationStatus.COMMITTED, reservation.expiresAt());
        append("STOCK_COMMITTED", null);
    }

    void stockReleased(ReservationStatus leftIn) {
        reservation = new ReservationState(reservation.reservationKey(), leftIn, reservation.expiresAt());
        append("STOCK_" + leftIn, null);
    }

    void moveTo(OrderStatus next, String detail) {
        moveTo(next, detail, null);
    }

    /** A move someone asked for: {@code by} is who, on the entry (null when the request named nobody). */
    void moveTo(OrderStatus next, String detail, ActingParty by) {
        status = next;
        append(next.name(), detail, by);
    }

    void rejected(RejectionReason reason, String detail) {
        rejectionReason = reason;
        moveTo(OrderStatus.REJECTED, reason + (detail == null ? "" : ": " + detail));
    }

    void cancelled(CancellationReason reason, String detail, ActingParty by) {
        cancellationReason = reason;
        moveTo(OrderStatus.CANCELLED, reason + (detail == null ? "" : ": " + detail), by);
    }

    void syncing(String channel) {
        sync.put(channel, new MarketplaceSync(channel, SyncStatus.SYNCING, null, null));
    }

    void synced(String channel, String externalId) {
        sync.put(channel, new MarketplaceSync(channel, SyncStatus.SYNCED, externalId, null));
        append("SYNCED", channel + " " + externalId);
    }

    void syncStopped(String channel, SyncStatus status, String error) {
        sync.put(channel, new MarketplaceSync(channel, status, null, error));
        append("SYNC_" + status, channel + ": " + error);
    }

    boolean hasUnrecordedEntries() {
        return recordedEntries < timeline.size();
    }

    /** The read-model write for everything not recorded yet; the entries count as recorded from now on. */
    OrderProgress takeProgress() {
        return takeProgress(null);
    }

    /** The same, queueing {@code notice} in the outbox with it. */
    OrderProgress takeProgress(Notification notice) {
        var entries = List.copyOf(timeline.subList(recordedEntries, timeline.size()));
        recordedEntries = timeline.size();
        var reason = rejectionReason != null
                ? rejectionReason.name()
                : cancellationReason != null ? cancellationReason.name() : null;
        return new OrderProgress(
                order.tenantId(),
                order.orderId(),
                status,
                reason,
                payment,
                List.copyOf(sync.values()),
                entries,
                notice);
    }

    /** The order is in the read model: its placement entry went in with it. */
    void placementRecorded() {
        recordedEntries = Math.max(recordedEntries, 1);
    }

    /** Whether the order is in the read model: any entry written means its placement entry went first. */
    boolean isPlacementRecorded() {
        return recordedEntries > 0;
    }

    OrderState snapshot() {
        return OrderState.of(
                order,
                status,
                rejectionReason,
                cancellationReason,
                payment,
                reservation,
                List.copyOf(sync.values()),
                List.copyOf(timeline));
    }

    private void append(String step, String detail) {
        append(step, detail, null);
    }

    private void append(String step, String detail, ActingParty by) {
        timeline.add(new TimelineEntry(
                timeline.size(), step, status, Instant.ofEpochMilli(Workflow.currentTimeMillis()), detail, by));
    }
}
