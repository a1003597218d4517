package dev.comanda.order;

import static dev.comanda.order.DevServerOrders.awaitPixPending;
import static dev.comanda.order.DevServerOrders.delivery;
import static dev.comanda.order.DevServerOrders.kitchen;
import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.ScriptedActivities.Marketplace;
import dev.comanda.order.ScriptedActivities.Script;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Captures the history of every {@link WorkflowPath} that cancels an order, from a real Temporal dev
 * server ({@link HistoryCapture}); run with {@link OrderHistoryCaptureTests}, whose Javadoc has the
 * command.
 */
@Tag("capture")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CancellationHistoryCaptureTests {

    private HistoryCapture capture;

    @BeforeAll
    void startServerAndWorkers() throws IOException {
        capture = new HistoryCapture();
    }

    @AfterAll
    void stop() {
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void pixCancelledBeforePayment() throws IOException {
        var workflow =
                capture.start(WorkflowPath.PIX_CANCELLED_BEFORE_PAYMENT, PaymentMethod.PIX, Fulfilment.takeaway());
        awaitPixPending(workflow);
        cancelled(workflow, WorkflowPath.PIX_CANCELLED_BEFORE_PAYMENT, Actor.CUSTOMER);
    }

    @Test
    void customerCancels() throws IOException {
        var workflow = capture.start(WorkflowPath.CUSTOMER_CANCEL, PaymentMethod.CARD, delivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        cancelled(workflow, WorkflowPath.CUSTOMER_CANCEL, Actor.CUSTOMER);
    }

    @Test
    void restaurantCancels() throws IOException {
        var workflow = capture.start(WorkflowPath.RESTAURANT_CANCEL, PaymentMethod.CARD, Fulfilment.dineIn("3"));
        kitchen(workflow, List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING));
        cancelled(workflow, WorkflowPath.RESTAURANT_CANCEL, Actor.KITCHEN);
    }

    @Test
    void notAcceptedInTimeIsCancelled() throws IOException {
        var workflow = capture.start(
                WorkflowPath.AUTO_CANCEL_NOT_ACCEPTED,
                PaymentMethod.CARD,
                delivery(),
                HistoryCapture.ACCEPT_DEADLINE_SOON,
                Script.HAPPY);
        var done = result(workflow);
        assertThat(done.cancellationReason()).isEqualTo(CancellationReason.NOT_ACCEPTED_IN_TIME);
        assertThat(done.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        capture.save(workflow, WorkflowPath.AUTO_CANCEL_NOT_ACCEPTED);
    }

    @Test
    void cancelRacingAKitchenMoveEndsCancelled() throws IOException {
        var workflow = capture.start(WorkflowPath.CANCEL_RACING_KITCHEN_MOVE, PaymentMethod.CARD, delivery());
        kitchen(workflow, List.of(OrderStatus.ACCEPTED));
        var move = CompletableFuture.supplyAsync(
                () -> workflow.transition(new TransitionRequest(OrderStatus.PREPARING, Actor.KITCHEN)));
        var cancel = CompletableFuture.supplyAsync(() -> workflow.cancel(new CancelRequest(Actor.KITCHEN, "no gas")));
        assertThat(cancel.join().status()).isEqualTo(OrderStatus.CANCELLED);
        try {
            assertThat(move.join().status()).isEqualTo(OrderStatus.PREPARING);
        } catch (CompletionException lost) {
            // The cancel was first: the validator rejected the move, which leaves no trace in history.
            assertThat(lost.getCause()).isInstanceOf(WorkflowUpdateException.class);
        }
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.CANCELLED);
        capture.save(workflow, WorkflowPath.CANCEL_RACING_KITCHEN_MOVE);
    }

    @Test
    void marketplaceDownWhenCancelledStopsPushing() throws IOException {
        var path = WorkflowPath.MARKETPLACE_DOWN_ORDER_CANCELLED;
        var workflow = capture.start(
                path,
                PaymentMethod.CARD,
                delivery(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Marketplace.DOWN),
                "ifood");
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "kitchen closed"));
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly(SyncStatus.CANCELLED);
        capture.save(workflow, path);
    }

    @Test
    void workflowCancelledByTemporalStillCompensates() throws IOException {
        var workflow = capture.start(WorkflowPath.WORKFLOW_CANCELLED, PaymentMethod.CARD, delivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        WorkflowStub.fromTyped(workflow).cancel();
        assertThatThrownBy(() -> result(workflow)).isInstanceOf(WorkflowFailedException.class);
        assertThat(workflow.state().cancellationReason()).isEqualTo(CancellationReason.WORKFLOW_CANCELLED);
        capture.save(workflow, WorkflowPath.WORKFLOW_CANCELLED);
    }

    private void cancelled(OrderWorkflow workflow, WorkflowPath path, Actor actor) throws IOException {
        var cancelled = workflow.cancel(new CancelRequest(actor, "cancelled by the " + actor));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(result(workflow).cancellationReason()).isEqualTo(OrderRules.cancellationReason(actor));
        capture.save(workflow, path);
    }
}
