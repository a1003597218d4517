package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.comanda.inventory.ReservationStatus;
import dev.comanda.payment.PaymentActivities.RefundRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The kitchen lifecycle after CONFIRMED: moves, role rules, cancellations and marketplaces. */
class OrderWorkflowKitchenTests {

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void customerCancelBeforeAcceptanceRefundsAndRestocks() {
        doReturn(ReservationStatus.RESTOCKED).when(fx.inventory).release(anyString(), anyString(), anyString());
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);

        var cancelled = workflow.cancel(new CancelRequest(Actor.CUSTOMER, "changed my mind"));

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_REQUEST);
        assertThat(cancelled.payment().refunded()).isEqualTo(cancelled.payment().charged());
        assertThat(cancelled.reservation().status()).isEqualTo(ReservationStatus.RESTOCKED);
        var refunds = ArgumentCaptor.forClass(RefundRequest.class);
        verify(fx.payments, times(1)).refund(refunds.capture());
        assertThat(refunds.getValue().chargeKey()).endsWith(":charge");
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void customerCancelAfterAcceptanceIsRejected() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));

        assertThatThrownBy(() -> workflow.cancel(new CancelRequest(Actor.CUSTOMER, "too late")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause()
                .hasMessageContaining("CUSTOMER may not cancel an order that is ACCEPTED");

        assertThat(workflow.state().status()).isEqualTo(OrderStatus.ACCEPTED);
        verify(fx.payments, never()).refund(any());
    }

    @Test
    void whoAskedForAMoveOrACancellationIsOnItsTimelineEntry() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        var cook = new ActingParty(ActingParty.Kind.STAFF, "12", "Carla");
        var manager = new ActingParty(ActingParty.Kind.STAFF, "3", "Rui");

        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN, cook));
        var cancelled = workflow.cancel(new CancelRequest(Actor.ADMIN, "out of dough", manager));

        var accepted = entry(cancelled, "ACCEPTED");
        assertThat(accepted.by()).isEqualTo(cook);
        assertThat(accepted.detail()).isEqualTo("by KITCHEN");
        assertThat(entry(cancelled, "CANCELLED").by()).isEqualTo(manager);
        assertThat(entry(cancelled, "CONFIRMED").by())
                .as("the workflow's own step")
                .isNull();
    }

    @Test
    void aRequestNamingNobodyLeavesTheEntryAsBefore() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);

        var accepted = workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));

        assertThat(entry(accepted, "ACCEPTED").by()).isNull();
        assertThat(entry(accepted, "ACCEPTED").detail()).isEqualTo("by KITCHEN");
    }

    private static TimelineEntry entry(OrderState state, String step) {
        return state.timeline().stream()
                .filter(e -> e.step().equals(step))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void restaurantMayCancelWhilePreparing() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.PREPARING, Actor.KITCHEN));

        var cancelled = workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));

        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.RESTAURANT_REQUEST);
        verify(fx.payments, times(1)).refund(any());
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
    }

    @Test
    void restaurantCannotCancelOnceReady() {
        var workflow = fx.start(fx.order(PaymentMethod.CARD, Fulfilment.takeaway()));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : new OrderStatus[] {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY}) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }

        assertThatThrownBy(() -> workflow.cancel(new CancelRequest(Actor.KITCHEN, "late")))
                .isInstanceOf(WorkflowUpdateException.class);
        assertThat(workflow.state().status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void restaurantThatNeverAcceptsGetsTheOrderCancelledWithRefundAndRestock() {
        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(done.cancellationReason()).isEqualTo(CancellationReason.NOT_ACCEPTED_IN_TIME);
        assertThat(done.payment().refunded()).isEqualTo(done.payment().charged());
        verify(fx.payments, times(1)).refund(any());
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
    }

    @Test
    void illegalTransitionIsRejectedAndStateUnchanged() {
        var workflow = fx.start(fx.order(PaymentMethod.CARD, Fulfilment.takeaway()));
        var before = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThatThrownBy(() -> workflow.transition(new TransitionRequest(OrderStatus.READY, Actor.KITCHEN)))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause()
                .hasMessageContaining("cannot move from CONFIRMED to READY");
        assertThatThrownBy(() -> workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.CUSTOMER)))
                .rootCause()
                .hasMessageContaining("CUSTOMER may not move");

        assertThat(workflow.state()).isEqualTo(before);
    }

    @Test
    void takeawayIsPickedUpNotDelivered() {
        var workflow = fx.start(fx.order(PaymentMethod.CASH, Fulfilment.takeaway()));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : new OrderStatus[] {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY}) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }

        assertThatThrownBy(
                        () -> workflow.transition(new TransitionRequest(OrderStatus.OUT_FOR_DELIVERY, Actor.KITCHEN)))
                .isInstanceOf(WorkflowUpdateException.class);
        workflow.transition(new TransitionRequest(OrderStatus.PICKED_UP, Actor.KITCHEN));

        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void theHandoverCompletesTheOrderInOneWriteAndAnswersCompleted() throws Exception {
        var workflow = fx.start(fx.order(PaymentMethod.CARD, Fulfilment.takeaway()));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : new OrderStatus[] {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY}) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }
        var writesBefore = fx.progressWrites().size();

        var answer = workflow.transition(new TransitionRequest(OrderStatus.PICKED_UP, Actor.KITCHEN));

        assertThat(answer.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(answer.timeline()).extracting(TimelineEntry::step).endsWith("READY", "PICKED_UP", "COMPLETED");
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
        var writes = fx.progressWrites();
        assertThat(writes).hasSize(writesBefore + 1);
        assertThat(writes.getLast().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(writes.getLast().entries())
                .extracting(TimelineEntry::step)
                .containsExactly("PICKED_UP", "COMPLETED");

        var history = fx.history(workflow);
        assertThat(Replays.versionMarkers(history, OrderContract.HANDOVER_COMPLETES_CHANGE))
                .as("asked by the handover's update only")
                .isOne();
        assertThat(Replays.localActivities(history, "ReadModelRecordProgress"))
                .as("ACCEPTED, PREPARING, READY and the handover with COMPLETED")
                .isEqualTo(4);
        Replays.replay(history);
    }

    @Test
    void failingMarketplaceNeverBlocksCompletionAndItsStatusIsVisible() {
        doThrow(ApplicationFailure.newFailure("marketplace answered 502", "MarketplaceUnavailable"))
                .when(fx.externalSync)
                .push(any());
        var workflow = fx.start(fx.order(PaymentMethod.CARD, Fulfilment.dineIn("7"), "ifood", "rappi"));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next :
                new OrderStatus[] {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.SERVED
                }) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }

        var whileRetrying = awaitStatus(workflow, OrderStatus.COMPLETED);
        assertThat(whileRetrying.sync()).extracting(MarketplaceSync::status).containsOnly(SyncStatus.SYNCING);

        // Waiting for the result lets the service skip through a day of retries.
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.sync())
                .extracting(MarketplaceSync::channel, MarketplaceSync::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ifood", SyncStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple("rappi", SyncStatus.FAILED));
        verify(fx.externalSync, atLeastOnce()).push(any());
        verify(fx.payments, never()).refund(any());
    }

    @Test
    void marketplaceSyncRecordsTheExternalId() {
        var workflow = fx.start(fx.order(PaymentMethod.CASH, Fulfilment.dineIn("3"), "ifood"));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next :
                new OrderStatus[] {OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.SERVED
                }) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }

        var done = result(workflow);

        assertThat(done.sync()).containsExactly(new MarketplaceSync("ifood", SyncStatus.SYNCED, "mk-1", null));
        assertThat(fx.progressWrites().getLast().sync())
                .extracting(MarketplaceSync::status)
                .containsExactly(SyncStatus.SYNCED);
    }

    @Test
    void cancellingTheWorkflowStillCompensates() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        // No activity is in flight once CONFIRMED (its notice went to the outbox): the cancellation meets none,
        // so the in-memory test service's race between an activity's cancel and its completion (ACTIVITY_UNKNOWN,
        // a workflow task that never completes) cannot happen here.

        WorkflowStub.fromTyped(workflow).cancel();

        assertThatThrownBy(() -> result(workflow))
                .isInstanceOf(WorkflowFailedException.class)
                .hasCauseInstanceOf(CanceledFailure.class);
        verify(fx.payments, times(1)).refund(any());
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        var last = fx.progressWrites().getLast();
        assertThat(last.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(last.reason()).isEqualTo(CancellationReason.WORKFLOW_CANCELLED.name());
    }
}
