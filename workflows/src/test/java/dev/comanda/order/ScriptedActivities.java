package dev.comanda.order;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.notification.NotificationActivities;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.sync.ExternalSyncActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Activity implementations whose outcomes each order's {@link Script} decides, for capturing histories
 * on a real server: no database, no provider, the same answers on every run. The failure types are the
 * ones the real activities raise, so the workflow takes the path it takes in production.
 */
final class ScriptedActivities {

    /** The types the activities module raises for these outcomes (its classes are not on this classpath). */
    static final String PROVIDER_UNAVAILABLE = "PaymentProviderUnavailable";

    static final String MARKETPLACE_UNAVAILABLE = "MarketplaceUnavailable";
    static final String MARKETPLACE_NOT_CONFIGURED = "MarketplaceNotConfigured";
    static final String INCONSISTENT_STOCK = IllegalStateException.class.getName();

    enum Stock {
        AVAILABLE,
        SHORT
    }

    enum Provider {
        ACCEPTS,
        DECLINES,
        /** Answers 503, then gives up as the last of its ten minutes of retries would: the same failure type. */
        UNAVAILABLE,
        /** A PIX charge the customer paid whose webhooks were all lost: only asking the provider tells. */
        PAID_WITHOUT_WEBHOOK
    }

    enum Commit {
        COMMITS,
        /** The reservation's TTL released the stock before the commit. */
        RESERVATION_EXPIRED,
        /** A failure no retry cures: the reservation is not there to commit. */
        INCONSISTENT
    }

    enum Marketplace {
        SYNCS,
        NOT_CONFIGURED,
        /** Every push fails, retryably: the workflow keeps trying for a day. */
        DOWN
    }

    record Script(Stock stock, Provider provider, Commit commit, Marketplace marketplace) {

        static final Script HAPPY = new Script(Stock.AVAILABLE, Provider.ACCEPTS, Commit.COMMITS, Marketplace.SYNCS);

        Script with(Stock value) {
            return new Script(value, provider, commit, marketplace);
        }

        Script with(Provider value) {
            return new Script(stock, value, commit, marketplace);
        }

        Script with(Commit value) {
            return new Script(stock, provider, value, marketplace);
        }

        Script with(Marketplace value) {
            return new Script(stock, provider, commit, value);
        }
    }

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    /** Reservation key → RESERVED, COMMITTED, RELEASED or RESTOCKED. */
    private final Map<String, ReservationStatus> reservations = new ConcurrentHashMap<>();
    /** Provider charge ID → its order. */
    private final Map<String, String> ordersByCharge = new ConcurrentHashMap<>();
    /** Charge key → what the charge made. */
    private final Map<String, PaymentActivities.Charge> charges = new ConcurrentHashMap<>();
    /** Every notice the read model's writes carried, and every notification activity run, in order. */
    final List<NotificationKind> queuedNotices = new CopyOnWriteArrayList<>();

    final List<NotificationKind> notified = new CopyOnWriteArrayList<>();

    final OrderReadModelActivities readModel = new ReadModel();
    final InventoryActivities inventory = new Inventory();
    final PaymentActivities payments = new Payments();
    final NotificationActivities notifications = new Notifications();
    final ExternalSyncActivities externalSync = new ExternalSync();

    void script(String orderId, Script script) {
        scripts.put(orderId, script);
    }

    private Script scriptOf(String orderId) {
        return Objects.requireNonNull(scripts.get(orderId), () -> "no script for order " + orderId);
    }

    /** Keys are {@code <orderId>:<step>} ({@link OrderContract#effectKey}). */
    private static String orderIdOf(String effectKey) {
        return effectKey.substring(0, effectKey.indexOf(':'));
    }

    private static int attempt() {
        return Activity.getExecutionContext().getInfo().getAttempt();
    }

    private final class ReadModel implements OrderReadModelActivities {

        @Override
        public void recordPlaced(PlaceOrder order, TimelineEntry placed) {
            scriptOf(order.orderId());
        }

        @Override
        public void recordPlacedWithProgress(PlaceOrder order, OrderProgress progress) {
            recordProgress(progress);
        }

        @Override
        public void recordProgress(OrderProgress progress) {
            scriptOf(progress.orderId());
            if (progress.notice() != null) {
                queuedNotices.add(progress.notice().kind());
            }
        }
    }

    private final class Inventory implements InventoryActivities {

        @Override
        public Reservation reserve(ReserveStock request) {
            if (scriptOf(request.orderId()).stock() == Stock.SHORT) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "not enough stock for " + request.items().getFirst().sku(), OrderContract.OUT_OF_STOCK);
            }
            reservations.put(request.reservationKey(), ReservationStatus.RESERVED);
            return new Reservation(
                    request.reservationKey(),
                    ReservationStatus.RESERVED,
                    Instant.now().plus(request.ttl()));
        }

        /** An offline order's sale never fails: a short script only makes it sell into a deficit. */
        @Override
        public Sale sell(ReserveStock request) {
            var first = request.items().getFirst();
            var deficits = scriptOf(request.orderId()).stock() == Stock.SHORT
                    ? java.util.Map.of(first.sku(), first.quantity())
                    : java.util.Map.<String, Integer>of();
            reservations.put(request.reservationKey(), ReservationStatus.COMMITTED);
            return new Sale(request.reservationKey(), ReservationStatus.COMMITTED, Instant.now(), deficits);
        }

        @Override
        public void commit(String tenantId, String reservationKey) {
            switch (scriptOf(orderIdOf(reservationKey)).commit()) {
                case COMMITS -> reservations.put(reservationKey, ReservationStatus.COMMITTED);
                case RESERVATION_EXPIRED -> {
                    reservations.put(reservationKey, ReservationStatus.RELEASED);
                    throw ApplicationFailure.newNonRetryableFailure(
                            "reservation " + reservationKey + " is RELEASED, its stock is no longer held",
                            OrderContract.RESERVATION_EXPIRED);
                }
                case INCONSISTENT ->
                    throw ApplicationFailure.newNonRetryableFailure(
                            "no reservation " + reservationKey + " to commit", INCONSISTENT_STOCK);
            }
        }

        @Override
        public ReservationStatus release(String tenantId, String reservationKey, String reason) {
            var left = switch (reservations.getOrDefault(reservationKey, ReservationStatus.NONE)) {
                case RESERVED -> ReservationStatus.RELEASED;
                case COMMITTED -> ReservationStatus.RESTOCKED;
                case ReservationStatus other -> other;
            };
            reservations.computeIfPresent(reservationKey, (key, status) -> left);
            return left;
        }
    }

    private final class Payments implements PaymentActivities {

        @Override
        public Charge charge(ChargeRequest request) {
            switch (scriptOf(request.orderId()).provider()) {
                case DECLINES ->
                    throw ApplicationFailure.newNonRetryableFailure(
                            "payment declined: insufficient_funds", OrderContract.PAYMENT_DECLINED);
                case UNAVAILABLE -> {
                    var message = "payment provider unavailable: /v1/charges answered 503";
                    throw attempt() == 1
                            ? ApplicationFailure.newFailure(message, PROVIDER_UNAVAILABLE)
                            : ApplicationFailure.newNonRetryableFailure(message, PROVIDER_UNAVAILABLE);
                }
                case ACCEPTS, PAID_WITHOUT_WEBHOOK -> {}
            }
            var chargeId = "ch_" + request.orderId().substring(0, 12);
            var charge = request.method() == PaymentMethod.PIX
                    ? new Charge(chargeId, PaymentStatus.PENDING, request.amount(), "00020126pix" + chargeId)
                    : new Charge(chargeId, PaymentStatus.SUCCEEDED, request.amount(), null);
            charges.put(request.idempotencyKey(), charge);
            ordersByCharge.put(chargeId, request.orderId());
            return charge;
        }

        @Override
        public boolean isPixPaid(String providerChargeId) {
            var orderId = ordersByCharge.get(providerChargeId);
            return orderId != null && scriptOf(orderId).provider() == Provider.PAID_WITHOUT_WEBHOOK;
        }

        @Override
        public void recordPixPaid(PixPaid request) {
            scriptOf(request.orderId());
            charges.computeIfPresent(
                    request.chargeKey(),
                    (key, charge) -> charge.status() == PaymentStatus.PENDING
                            ? new Charge(
                                    charge.providerChargeId(),
                                    PaymentStatus.SUCCEEDED,
                                    charge.amount(),
                                    charge.pixCode())
                            : charge);
        }

        @Override
        public Refund refund(RefundRequest request) {
            scriptOf(request.orderId());
            var charge = charges.get(request.chargeKey());
            if (charge == null) {
                return new Refund(null, PaymentStatus.NONE, null);
            }
            var refundId = "re_" + request.orderId().substring(0, 12);
            // A pending PIX charge is voided; the capture never refunds a paid PIX.
            return charge.status() == PaymentStatus.PENDING
                    ? new Refund(
                            refundId,
                            PaymentStatus.VOIDED,
                            Money.zero(charge.amount().currency()))
                    : new Refund(refundId, PaymentStatus.REFUNDED, charge.amount());
        }
    }

    private final class Notifications implements NotificationActivities {

        @Override
        public void notify(Notification notification) {
            scriptOf(notification.order().orderId());
            notified.add(notification.kind());
        }
    }

    private final class ExternalSync implements ExternalSyncActivities {

        @Override
        public Pushed push(Push push) {
            var channel = push.channel();
            return switch (scriptOf(push.order().orderId()).marketplace()) {
                case SYNCS ->
                    new Pushed(channel, channel + "-" + push.order().orderId().substring(0, 8));
                case NOT_CONFIGURED ->
                    throw ApplicationFailure.newNonRetryableFailure(
                            "tenant " + push.order().tenantId() + " has no enabled endpoint for " + channel,
                            MARKETPLACE_NOT_CONFIGURED);
                case DOWN ->
                    throw ApplicationFailure.newFailure(
                            "push to marketplace " + channel + " failed: 502 Bad Gateway", MARKETPLACE_UNAVAILABLE);
            };
        }
    }
}
