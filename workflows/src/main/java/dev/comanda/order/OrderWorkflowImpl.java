package dev.comanda.order;

import static dev.comanda.order.OrderContract.effectKey;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.inventory.InventoryActivities.ReserveStock;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.ChargeRequest;
import dev.comanda.payment.PaymentActivities.PixPaid;
import dev.comanda.payment.PaymentActivities.RefundRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * The order saga: reserve → charge → commit → confirm, then the kitchen lifecycle, with every undo
 * registered before the step it undoes. Everything up to CONFIRMED runs as local activities in the order's
 * first workflow task. A step that ends the order throws {@link OrderEnds}; {@link #place}
 * ends it in one place ({@link #end}). Reads and writes of MySQL (read model, inventory) and the charge
 * are local activities on the order worker — fast, and cheap in history; refunds, PIX checks, email and
 * marketplaces are regular activities on their own task queues. Notifications are not activities of the order:
 * the read model's write of the status they announce queues them in an outbox for the workers to send.
 */
public class OrderWorkflowImpl implements OrderWorkflow {

    /**
     * MySQL writes: retried until the database answers again (an acknowledged order must never fail on a
     * database outage); business failures are non-retryable by type. The attempts are bounded explicitly
     * because SDK 1.38 treats a local activity with unlimited attempts and no schedule-to-close timeout
     * as having no retry policy at all, and would fail the workflow on the first deadlock.
     */
    private final LocalActivityOptions databaseWrites = LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(200))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .setMaximumAttempts(Integer.MAX_VALUE)
                    .build())
            .build();

    /** The charge of a provider in trouble: it gives up after ten minutes of it; a decline is final at once. */
    private final ActivityOptions charges = ActivityOptions.newBuilder()
            .setTaskQueue(OrderContract.PAYMENTS_TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(Duration.ofMinutes(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .setDoNotRetry(OrderContract.PAYMENT_DECLINED)
                    .build())
            .build();

    /**
     * The charge as a local activity on the order's worker: a call of a few milliseconds to the provider need
     * not travel through a task queue. Its exactly-once story is unchanged — the provider's idempotency key
     * (from the workflow) and the {@code payments} row's unique key. It tries for ten seconds only: a
     * provider in trouble is then left to the regular activity ({@link #charges}, same key), whose ten
     * minutes of retries happen in the service, not in a workflow task held open on the worker.
     */
    private final LocalActivityOptions localCharges = LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(5))
            .setScheduleToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(4))
                    .setDoNotRetry(OrderContract.PAYMENT_DECLINED)
                    .build())
            .build();

    /**
     * What must happen once money moved — a refund (a compensation), the record of a paid PIX — is retried
     * without a deadline.
     */
    private final ActivityOptions mustHappen = ActivityOptions.newBuilder()
            .setTaskQueue(OrderContract.PAYMENTS_TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(5))
                    .build())
            .build();

    /**
     * A PIX status check is a read: a check that fails is simply the next one's job, so it is tried twice
     * within half a minute and never holds the order up.
     */
    private final ActivityOptions pixChecks = ActivityOptions.newBuilder()
            .setTaskQueue(OrderContract.PAYMENTS_TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setScheduleToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setMaximumAttempts(2)
                    .build())
            .build();

    /** The first look at the provider while a PIX order waits; each later one waits twice as long, up to the cap. */
    private static final Duration FIRST_PIX_CHECK = Duration.ofSeconds(10);
    /** The longest a paid PIX order whose webhooks were lost waits before it goes on. */
    private static final Duration MAX_PIX_CHECK_INTERVAL = Duration.ofMinutes(1);

    private final OrderReadModelActivities readModel =
            Workflow.newLocalActivityStub(OrderReadModelActivities.class, databaseWrites);
    private final InventoryActivities inventory =
            Workflow.newLocalActivityStub(InventoryActivities.class, databaseWrites);
    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class, charges);
    private final PaymentActivities localPayments =
            Workflow.newLocalActivityStub(PaymentActivities.class, localCharges);
    private final PaymentActivities settlements = Workflow.newActivityStub(PaymentActivities.class, mustHappen);
    private final PaymentActivities provider = Workflow.newActivityStub(PaymentActivities.class, pixChecks);

    private final Saga saga = new Saga(new Saga.Options.Builder()
            .setParallelCompensation(false)
            .setContinueWithError(true)
            .build());
    private OrderFollowUps followUps;
    private OrderLedger ledger;
    private CancelRequest cancelRequest;
    private PixConfirmation pixConfirmation;
    private boolean compensated;

    @Override
    public OrderState place(PlaceOrder order) {
        ledger = new OrderLedger(order);
        followUps = new OrderFollowUps(ledger);
        try {
            if (Workflow.getVersion(OrderContract.PLACEMENT_WITH_FIRST_STATUS_CHANGE, Workflow.DEFAULT_VERSION, 1)
                    == Workflow.DEFAULT_VERSION) {
                // Builds before the change wrote the order first, whatever came next.
                recordPlacement();
            }
            if (order.offline() != null) {
                ledger.offlineFlags(order.offline());
            }
            publishSearchAttributes();
            reserveStock();
            charge();
            commitStock();
            confirm();
            runKitchen();
        } catch (OrderEnds ends) {
            // The saga's one exit: whatever step ended the order said how, and it ends here.
            end(ends.ending);
        } catch (ActivityFailure | CanceledFailure e) {
            if (ledger.status().isTerminal()) {
                throw e;
            }
            if (!CancellationScope.current().isCancelRequested()) {
                if (e instanceof ActivityFailure failure && ledger.status() == OrderStatus.PENDING) {
                    // A failure no retry can cure (a bug, inconsistent data) before confirmation: the order
                    // is undone and ended rather than left hanging with money or stock held.
                    end(new Rejected(RejectionReason.INTERNAL_ERROR, failureMessage(failure), true));
                    awaitPending();
                    return ledger.snapshot();
                }
                throw e;
            }
            // Temporal cancelled the workflow itself: undo in a scope that this cancellation cannot reach.
            Workflow.newDetachedCancellationScope(() -> {
                        end(new Cancelled(CancellationReason.WORKFLOW_CANCELLED, "workflow cancelled", null));
                        awaitPending();
                    })
                    .run();
            // Rethrown so the execution ends as Canceled in history, with the order CANCELLED in the read model.
            throw e instanceof CanceledFailure canceled ? canceled : new CanceledFailure("workflow cancelled");
        }
        awaitPending();
        return ledger.snapshot();
    }

    /** How a step ended the order before it could complete. */
    private sealed interface Ending permits Rejected, Cancelled {}

    /** @param undo whether anything was done that must be undone (nothing was when stock ran out) */
    private record Rejected(RejectionReason reason, String detail, boolean undo) implements Ending {}

    /** @param by who asked for it, when someone did */
    private record Cancelled(CancellationReason reason, String note, ActingParty by) implements Ending {}

    /**
     * Thrown by a step that ends the order, caught once in {@link #place}: no step ends the order itself and
     * returns {@code false} up a chain. Never leaves the workflow method.
     */
    private static final class OrderEnds extends RuntimeException {
        private final transient Ending ending;

        OrderEnds(Ending ending) {
            super(null, null, false, false);
            this.ending = ending;
        }
    }

    /** Ends the order: compensations first (once, detached), then the terminal status, its record and its notice. */
    private void end(Ending ending) {
        switch (ending) {
            case Rejected rejected -> {
                if (rejected.undo()) {
                    compensate();
                } else {
                    compensated = true;
                }
                ledger.rejected(rejected.reason(), rejected.detail());
                recordAndNotify(NotificationKind.REJECTED);
            }
            case Cancelled cancelled -> {
                compensate();
                ledger.cancelled(cancelled.reason(), cancelled.note(), cancelled.by());
                recordAndNotify(NotificationKind.CANCELLED);
                followUps.stopMarketplaceSync();
            }
        }
    }

    private void reserveStock() {
        var order = ledger.order();
        var reservationKey = effectKey(order.orderId(), "reservation");
        // Registered first: a reservation whose answer was lost (timeout) is still released.
        saga.addCompensation(this::releaseStock, reservationKey);
        var items = order.lines().stream()
                .map(line -> new InventoryActivities.Item(line.sku(), line.quantity()))
                .toList();
        if (order.offline() != null) {
            // Served already: sold outright, never refused for stock (docs/pos-sync.md, "Stock ran out").
            ledger.sold(inventory.sell(new ReserveStock(
                    order.tenantId(),
                    order.orderId(),
                    reservationKey,
                    items,
                    order.policy().reservationTtl())));
            endIfCancelled();
            return;
        }
        try {
            ledger.reserved(inventory.reserve(new ReserveStock(
                    order.tenantId(),
                    order.orderId(),
                    reservationKey,
                    items,
                    order.policy().reservationTtl())));
        } catch (ActivityFailure e) {
            if (!OrderContract.OUT_OF_STOCK.equals(failureType(e))) {
                throw e;
            }
            // All or nothing: nothing was reserved, so there is nothing to undo.
            throw new OrderEnds(new Rejected(RejectionReason.OUT_OF_STOCK, failureMessage(e), false));
        }
        endIfCancelled();
    }

    private void charge() {
        var order = ledger.order();
        if (order.payment().method() == PaymentMethod.CASH) {
            ledger.cashOnDelivery();
            endIfCancelled();
            return;
        }
        if (order.payment().method() == PaymentMethod.PAID_AT_COUNTER) {
            // No provider: the counter took the money, and hands it back if the order is undone.
            saga.addCompensation(ledger::refundedAtCounter);
            ledger.paidAtCounter();
            endIfCancelled();
            return;
        }
        var chargeKey = effectKey(order.orderId(), "charge");
        saga.addCompensation(this::refund, chargeKey);
        try {
            ledger.charged(chargeOnce(new ChargeRequest(
                    order.tenantId(),
                    order.orderId(),
                    chargeKey,
                    order.payment().method(),
                    order.total(),
                    order.payment().cardToken(),
                    order.customer().email())));
        } catch (ActivityFailure e) {
            var declined = OrderContract.PAYMENT_DECLINED.equals(failureType(e));
            throw new OrderEnds(new Rejected(
                    declined ? RejectionReason.PAYMENT_DECLINED : RejectionReason.PAYMENT_UNAVAILABLE,
                    failureMessage(e),
                    true));
        }
        if (order.payment().method() == PaymentMethod.PIX && !awaitPixPayment(chargeKey)) {
            throw new OrderEnds(
                    new Rejected(RejectionReason.PAYMENT_TIMEOUT, "PIX not paid before the reservation expired", true));
        }
        endIfCancelled();
    }

    /**
     * Locally first; a provider that is still in trouble after that gets the regular activity's patience,
     * under the same idempotency key.
     */
    private PaymentActivities.Charge chargeOnce(ChargeRequest request) {
        try {
            return localPayments.charge(request);
        } catch (ActivityFailure e) {
            if (OrderContract.PAYMENT_DECLINED.equals(failureType(e))) {
                throw e;
            }
            recordPlacement();
            return payments.charge(request);
        }
    }

    /**
     * PIX is paid out of band: wait for the provider's signal (the webhook), at most until the stock reservation
     * expires, and meanwhile ask the provider on a backoff, so a payment whose webhooks were lost is seen
     * within {@link #MAX_PIX_CHECK_INTERVAL}.
     */
    private boolean awaitPixPayment(String chargeKey) {
        recordPlacement();
        var expiresAt = ledger.reservation().expiresAt();
        var now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        var window = expiresAt == null || !expiresAt.isAfter(now)
                ? ledger.order().policy().reservationTtl()
                : Duration.between(now, expiresAt);
        var chargeId = ledger.payment().providerChargeId();
        awaitPixPaidOrAsked(chargeId, now.plus(window));
        if (!isPaid(chargeId)) {
            return cancelRequest != null;
        }
        var order = ledger.order();
        settlements.recordPixPaid(new PixPaid(order.tenantId(), order.orderId(), chargeKey, chargeId));
        ledger.pixPaid(pixConfirmation.providerChargeId());
        return true;
    }

    /** Waits for the webhook's signal until {@code deadline}, asking the provider after each pause. */
    private void awaitPixPaidOrAsked(String chargeId, Instant deadline) {
        var pause = FIRST_PIX_CHECK;
        while (true) {
            var left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), deadline);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            var signalled = Workflow.await(
                    pause.compareTo(left) < 0 ? pause : left, () -> isPaid(chargeId) || cancelRequest != null);
            if (signalled || !Instant.ofEpochMilli(Workflow.currentTimeMillis()).isBefore(deadline)) {
                return;
            }
            if (providerSaysPaid(chargeId)) {
                pixConfirmation = new PixConfirmation(chargeId);
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PIX_CHECK_INTERVAL) < 0
                    ? pause.multipliedBy(2)
                    : MAX_PIX_CHECK_INTERVAL;
        }
    }

    /** A check that fails counts as "not yet": the webhook or the next check will tell. */
    private boolean providerSaysPaid(String chargeId) {
        try {
            return provider.isPixPaid(chargeId);
        } catch (ActivityFailure e) {
            return false;
        }
    }

    private boolean isPaid(String chargeId) {
        return pixConfirmation != null && pixConfirmation.providerChargeId().equals(chargeId);
    }

    private void commitStock() {
        var order = ledger.order();
        if (order.offline() != null) {
            return;
        }
        try {
            inventory.commit(order.tenantId(), ledger.reservation().reservationKey());
        } catch (ActivityFailure e) {
            if (!OrderContract.RESERVATION_EXPIRED.equals(failureType(e))) {
                throw e;
            }
            throw new OrderEnds(new Rejected(RejectionReason.RESERVATION_EXPIRED, failureMessage(e), true));
        }
        ledger.committed();
        endIfCancelled();
    }

    private void confirm() {
        ledger.moveTo(OrderStatus.CONFIRMED, null);
        record(followUps.notice(NotificationKind.CONFIRMED));
        followUps.startMarketplaceSync();
    }

    private void runKitchen() {
        var accepted = Workflow.await(
                ledger.order().policy().acceptDeadline(),
                () -> ledger.status() != OrderStatus.CONFIRMED || cancelRequest != null);
        if (!accepted) {
            cancelRequest = new CancelRequest(
                    Actor.SYSTEM,
                    "not accepted within " + ledger.order().policy().acceptDeadline());
        }
        Workflow.await(() ->
                ledger.status().isHandedOver() || ledger.status() == OrderStatus.COMPLETED || cancelRequest != null);
        if (ledger.status() == OrderStatus.COMPLETED) {
            return; // completed by the handover's update (HANDOVER_COMPLETES_CHANGE)
        }
        endIfCancelled();
        ledger.moveTo(OrderStatus.COMPLETED, null);
        record();
    }

    /** A cancellation asked for while a step ran ends the order as soon as that step is done. */
    private void endIfCancelled() {
        if (cancelRequest != null) {
            throw new OrderEnds(new Cancelled(
                    OrderRules.cancellationReason(cancelRequest.actor()), cancelRequest.note(), cancelRequest.by()));
        }
    }

    /** Runs the registered undos once, whatever path got here, immune to the workflow's own cancellation. */
    private void compensate() {
        if (!compensated) {
            compensated = true;
            Workflow.newDetachedCancellationScope(() -> {
                        recordPlacement();
                        saga.compensate();
                    })
                    .run();
        }
    }

    private void releaseStock(String reservationKey) {
        ledger.stockReleased(inventory.release(ledger.order().tenantId(), reservationKey, "order not fulfilled"));
    }

    private void refund(String chargeKey) {
        var order = ledger.order();
        ledger.refunded(settlements.refund(new RefundRequest(
                order.tenantId(),
                order.orderId(),
                effectKey(order.orderId(), "refund"),
                chargeKey,
                OrderContract.REFUND_REASON)));
    }

    private void record() {
        record(null);
    }

    /**
     * Records the order as it is now and tells people about it: the read model's write queues the
     * notification in the outbox in the same transaction (the workers' relay sends it), so it costs the order's
     * history no activity task and no workflow task. Orders that reached such a status before
     * {@link OrderContract#NOTICES_OUTBOX_CHANGE} replay on the notification activity they scheduled; the
     * change is asked only here, so an order with nothing to announce but CONFIRMED carries no marker.
     */
    private void recordAndNotify(NotificationKind kind) {
        if (Workflow.getVersion(OrderContract.NOTICES_OUTBOX_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            record(followUps.notice(kind));
        } else {
            record();
            followUps.notifyPeople(kind);
        }
    }

    /**
     * Writes what changed since the last write; an order not in the read model yet goes in with it, in the same
     * transaction.
     *
     * @param notice a notification the read model queues in the outbox with this write, or null
     */
    private void record(Notification notice) {
        var first = !ledger.isPlacementRecorded();
        var progress = ledger.takeProgress(notice);
        if (first) {
            readModel.recordPlacedWithProgress(ledger.order(), progress);
        } else {
            readModel.recordProgress(progress);
        }
        publishSearchAttributes();
    }

    /**
     * Writes the order as placed (PENDING, its first entry) unless it is in the read model already: before the
     * order waits for anything (a PIX payment, the payments queue, an undo), so that it is listed meanwhile. An
     * order that reaches its first status without waiting is written with it instead ({@link #record}).
     */
    private void recordPlacement() {
        if (!ledger.isPlacementRecorded()) {
            readModel.recordPlaced(ledger.order(), ledger.firstEntry());
            ledger.placementRecorded();
        }
    }

    /** Keeps Temporal visibility in step with the read model, for ops filtering in Temporal UI. */
    private void publishSearchAttributes() {
        var changes =
                OrderSearchAttributes.changes(ledger.order(), ledger.status(), Workflow.getTypedSearchAttributes());
        if (changes.length > 0) {
            Workflow.upsertTypedSearchAttributes(changes);
        }
    }

    /** Lets notifications and marketplace pushes settle, records what they added, and drains updates. */
    private void awaitPending() {
        followUps.awaitSettled();
        if (ledger.hasUnrecordedEntries()) {
            record();
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
    }

    @Override
    public void pixConfirmed(PixConfirmation confirmation) {
        // Kept even before the charge returns: the provider's webhook may overtake the activity result.
        pixConfirmation = confirmation;
    }

    @Override
    public void validateTransition(TransitionRequest request) {
        requireStarted();
        OrderRules.requireLegalMove(
                ledger.status(), ledger.order().fulfilment().type(), cancelRequest != null, request);
    }

    @Override
    public OrderState transition(TransitionRequest request) {
        // Checked again: another update may have moved the order since this one was validated.
        validateTransition(request);
        ledger.moveTo(request.target(), "by " + request.actor(), request.by());
        if (request.target() == OrderStatus.READY) {
            recordAndNotify(NotificationKind.READY);
        } else {
            if (request.target().isHandedOver() && completesOnHandover()) {
                ledger.moveTo(OrderStatus.COMPLETED, null);
            }
            record();
        }
        return ledger.snapshot();
    }

    /**
     * Whether the handover's update completes the order itself, both entries in one write, and answers COMPLETED
     * ({@link OrderContract#HANDOVER_COMPLETES_CHANGE}); orders handed over before it replay the write of COMPLETED
     * that {@link #runKitchen} made beside the update's.
     */
    private static boolean completesOnHandover() {
        return Workflow.getVersion(OrderContract.HANDOVER_COMPLETES_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    @Override
    public OrderState outcome() {
        Workflow.await(() -> ledger != null && hasOutcome());
        return ledger.snapshot();
    }

    /** Past PENDING, or a PIX charge waiting for the customer: what the placement can answer. */
    private boolean hasOutcome() {
        var payment = ledger.payment();
        return ledger.status() != OrderStatus.PENDING
                || (payment.status() == PaymentStatus.PENDING && payment.pixCode() != null);
    }

    @Override
    public void validateCancel(CancelRequest request) {
        requireStarted();
        OrderRules.requireCancellable(ledger.status(), cancelRequest != null, request);
    }

    @Override
    public OrderState cancel(CancelRequest request) {
        validateCancel(request);
        cancelRequest = request;
        Workflow.await(() -> ledger.status().isTerminal());
        return ledger.snapshot();
    }

    /** Updates can arrive in the first workflow task, before {@link #place} has run. */
    private void requireStarted() {
        if (ledger == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "the order is still starting", OrderContract.ILLEGAL_TRANSITION);
        }
    }

    @Override
    public OrderState state() {
        return ledger == null ? null : ledger.snapshot();
    }

    private static String failureType(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure af ? af.getType() : null;
    }

    private static String failureMessage(Throwable failure) {
        return OrderFollowUps.rootMessage(failure);
    }
}
