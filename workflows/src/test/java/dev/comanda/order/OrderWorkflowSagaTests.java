package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.payment.PaymentActivities.ChargeRequest;
import dev.comanda.payment.PaymentActivities.Refund;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Reserve, charge, commit: the saga up to CONFIRMED and every way it can end before that. */
class OrderWorkflowSagaTests {

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void cardOrderGoesThroughTheKitchenToCompleted() throws Exception {
        var order = fx.cardDelivery();
        var workflow = fx.start(order);

        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : List.of(
                OrderStatus.ACCEPTED,
                OrderStatus.PREPARING,
                OrderStatus.READY,
                OrderStatus.OUT_FOR_DELIVERY,
                OrderStatus.DELIVERED)) {
            assertThat(workflow.transition(new TransitionRequest(next, Actor.KITCHEN))
                            .status())
                    .isIn(next, OrderStatus.COMPLETED);
        }
        var done = result(workflow);

        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payment().charged()).isEqualTo(order.total());
        assertThat(done.payment().refunded().cents()).isZero();
        assertThat(done.timeline())
                .extracting(TimelineEntry::step)
                .containsSubsequence(
                        "PLACED",
                        "STOCK_RESERVED",
                        "PAYMENT_CHARGED",
                        "STOCK_COMMITTED",
                        "CONFIRMED",
                        "ACCEPTED",
                        "PREPARING",
                        "READY",
                        "OUT_FOR_DELIVERY",
                        "DELIVERED",
                        "COMPLETED");
        verify(fx.payments, times(1)).charge(any());
        verify(fx.inventory, times(1)).commit(eq(order.tenantId()), anyString());
        verify(fx.payments, never()).refund(any());
        verify(fx.inventory, never()).release(anyString(), anyString(), anyString());

        var history = fx.history(workflow);
        long events = history.getEvents().size();
        long workflowTasks = OrderWorkflowFixture.count(history, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
        System.out.printf("happy-path card order: %d history events, %d workflow tasks%n", events, workflowTasks);
    }

    @Test
    void reachingConfirmedCostsAtMostTwentyHistoryEvents() {
        var workflow = fx.start(fx.cardDelivery());
        // No queries here: the in-memory service answers a query with an extra workflow task.
        result(workflow);

        var events = fx.history(workflow).getEvents();
        var untilConfirmed = events.stream()
                .takeWhile(e -> e.getEventType() != EventType.EVENT_TYPE_TIMER_STARTED)
                .toList();
        long workflowTasks = untilConfirmed.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .count();
        System.out.printf(
                "card order to CONFIRMED: %d history events, %d workflow tasks%n",
                untilConfirmed.size() + 1, workflowTasks);
        assertThat(untilConfirmed.size() + 1).isLessThanOrEqualTo(20);
        assertThat(workflowTasks).isLessThanOrEqualTo(2);
    }

    @Test
    void outOfStockRejectsWithoutCharging() {
        fx.stockRunsOut();

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        verify(fx.payments, never()).charge(any());
        verify(fx.inventory, never()).release(anyString(), anyString(), anyString());
        assertThat(notified()).containsExactly(NotificationKind.REJECTED);
    }

    @Test
    void declinedCardReleasesStockExactlyOnce() throws Exception {
        fx.cardsDeclined();

        var workflow = fx.start(fx.cardDelivery());
        var done = result(workflow);

        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
        assertThat(done.payment().refunded().cents()).isZero();
        verify(fx.payments, times(1)).charge(any());
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        verify(fx.inventory, never()).commit(anyString(), anyString());
        assertThat(lastProgress().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void pixConfirmedInTimeConfirmsTheOrder() {
        var workflow = fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));
        workflow.pixConfirmed(new PixConfirmation(OrderWorkflowFixture.CHARGE_ID));

        var state = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThat(state.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(state.payment().charged()).isEqualTo(OrderWorkflowFixture.total());
        assertThat(state.payment().pixCode()).isNotBlank();
        verify(fx.inventory, times(1)).commit(anyString(), anyString());
    }

    @Test
    void pixNeverConfirmedReleasesStockAndRejects() {
        var done = result(fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway())));

        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_TIMEOUT);
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        verify(fx.payments, times(1)).refund(any());
        verify(fx.inventory, never()).commit(anyString(), anyString());
    }

    @Test
    void pixConfirmationForAnotherChargeIsIgnored() {
        var workflow = fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));
        workflow.pixConfirmed(new PixConfirmation("ch_someone_else"));

        var done = result(workflow);

        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_TIMEOUT);
    }

    @Test
    void cashOrderIsConfirmedWithoutCharging() {
        var workflow = fx.start(fx.order(PaymentMethod.CASH, Fulfilment.dineIn("12")));

        var state = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThat(state.payment().status()).isEqualTo(PaymentStatus.ON_DELIVERY);
        verify(fx.payments, never()).charge(any());
    }

    @Test
    void transientChargeFailureIsRetriedWithTheSameIdempotencyKey() {
        doThrow(new IllegalStateException("provider answered 503"))
                .doAnswer(call -> new dev.comanda.payment.PaymentActivities.Charge(
                        "ch_retry",
                        PaymentStatus.SUCCEEDED,
                        call.<ChargeRequest>getArgument(0).amount(),
                        null))
                .when(fx.payments)
                .charge(any());

        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);

        var requests = ArgumentCaptor.forClass(ChargeRequest.class);
        verify(fx.payments, times(2)).charge(requests.capture());
        assertThat(requests.getAllValues())
                .extracting(ChargeRequest::idempotencyKey)
                .hasSize(2)
                .allSatisfy(key -> assertThat(key)
                        .isEqualTo(requests.getAllValues().getFirst().idempotencyKey()));
    }

    @Test
    void aProviderStillFailingAfterTheLocalAttemptsGetsTheRegularActivityUnderTheSameKey() {
        var local = new java.util.concurrent.atomic.AtomicInteger();
        var regular = new java.util.concurrent.atomic.AtomicInteger();
        doAnswer(call -> {
                    if (Activity.getExecutionContext().getInfo().isLocal()) {
                        local.incrementAndGet();
                        throw new IllegalStateException("provider answered 503");
                    }
                    regular.incrementAndGet();
                    return new dev.comanda.payment.PaymentActivities.Charge(
                            "ch_fallback",
                            PaymentStatus.SUCCEEDED,
                            call.<ChargeRequest>getArgument(0).amount(),
                            null);
                })
                .when(fx.payments)
                .charge(any());

        var workflow = fx.start(fx.cardDelivery());
        var state = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThat(state.payment().providerChargeId()).isEqualTo("ch_fallback");
        assertThat(local.get()).as("local attempts within their ten seconds").isGreaterThan(1);
        assertThat(regular.get()).isEqualTo(1);
        var requests = ArgumentCaptor.forClass(ChargeRequest.class);
        verify(fx.payments, atLeastOnce()).charge(requests.capture());
        assertThat(requests.getAllValues())
                .extracting(ChargeRequest::idempotencyKey)
                .containsOnly(requests.getAllValues().getFirst().idempotencyKey());
    }

    @Test
    void transientDatabaseFailureOfALocalActivityIsRetried() {
        doThrow(new IllegalStateException("Deadlock found when trying to get lock"))
                .doNothing()
                .when(fx.readModel)
                .recordPlacedWithProgress(any(), any());

        var workflow = fx.start(fx.cardDelivery());

        awaitStatus(workflow, OrderStatus.CONFIRMED);
        verify(fx.readModel, times(2)).recordPlacedWithProgress(any(), any());
    }

    @Test
    void providerOutageRejectsWithoutMoneyAndReleasesStock() {
        doThrow(new IllegalStateException("provider answered 503"))
                .when(fx.payments)
                .charge(any());
        doReturn(new Refund(null, PaymentStatus.NONE, OrderWorkflowFixture.total()))
                .when(fx.payments)
                .refund(any());

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
    }

    @Test
    void expiredReservationAtCommitRefundsAndRejects() {
        doThrow(ApplicationFailure.newNonRetryableFailure("expired", OrderContract.RESERVATION_EXPIRED))
                .when(fx.inventory)
                .commit(anyString(), anyString());

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.RESERVATION_EXPIRED);
        assertThat(done.payment().refunded()).isEqualTo(OrderWorkflowFixture.total());
        verify(fx.payments, times(1)).refund(any());
    }

    @Test
    void unexpectedFailureBeforeConfirmationUndoesAndEndsTheOrder() {
        doThrow(ApplicationFailure.newNonRetryableFailure("stock row disagrees", "java.lang.IllegalStateException"))
                .when(fx.inventory)
                .commit(anyString(), anyString());

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.INTERNAL_ERROR);
        verify(fx.payments, times(1)).refund(any());
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        assertThat(lastProgress().status()).isEqualTo(OrderStatus.REJECTED);
    }

    /** The notifications the order queued with its read-model writes; it schedules no notification activity. */
    private List<NotificationKind> notified() {
        verifyNoInteractions(fx.notifications);
        return fx.progressWrites().stream()
                .map(OrderProgress::notice)
                .filter(Objects::nonNull)
                .map(Notification::kind)
                .toList();
    }

    private OrderProgress lastProgress() {
        return fx.progressWrites().getLast();
    }
}
