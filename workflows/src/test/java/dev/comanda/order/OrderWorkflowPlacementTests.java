package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The order goes into the read model with its first status ({@link
 * OrderContract#PLACEMENT_WITH_FIRST_STATUS_CHANGE}): an order that reaches CONFIRMED or REJECTED without waiting
 * is written once, in one local activity; one that must wait first (a PIX payment, an undo) is written as placed
 * before it waits, so it is listed meanwhile. Orders of the builds before the change replay on their own path
 * ({@link OrderWorkflowReplayTests}, {@code histories/before-placement-with-first-status/}).
 */
class OrderWorkflowPlacementTests {

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aCardOrderIsWrittenOnceWithItsConfirmation() throws Exception {
        var order = fx.cardDelivery();
        var outcome = fx.placeAndAwaitOutcome(order);
        assertThat(outcome.status()).isEqualTo(OrderStatus.CONFIRMED);

        verify(fx.readModel, never()).recordPlaced(any(), any());
        verify(fx.readModel, never()).recordProgress(any());
        var first = ArgumentCaptor.forClass(OrderProgress.class);
        verify(fx.readModel, times(1)).recordPlacedWithProgress(any(), first.capture());
        var progress = first.getValue();
        assertThat(progress.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(progress.notice().kind().name()).isEqualTo("CONFIRMED");
        assertThat(progress.entries())
                .extracting(TimelineEntry::step)
                .containsExactly("PLACED", "STOCK_RESERVED", "PAYMENT_CHARGED", "STOCK_COMMITTED", "CONFIRMED");
        assertThat(progress.entries()).extracting(TimelineEntry::seq).containsExactly(0, 1, 2, 3, 4);

        var history = fx.history(fx.stub(order));
        assertThat(Replays.versionMarkers(history, OrderContract.PLACEMENT_WITH_FIRST_STATUS_CHANGE))
                .as("asked once, at the start")
                .isOne();
        assertThat(Replays.localActivities(history, "ReadModelRecordPlaced")).isZero();
        assertThat(Replays.localActivities(history, "ReadModelRecordPlacedWithProgress"))
                .isOne();
        Replays.replay(history);
    }

    @Test
    void anOrderOutOfStockIsWrittenOnceRejected() {
        fx.stockRunsOut();

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        verify(fx.readModel, never()).recordPlaced(any(), any());
        assertThat(fx.progressWrites()).singleElement().satisfies(progress -> {
            assertThat(progress.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(progress.entries().getFirst().step()).isEqualTo("PLACED");
        });
        verify(fx.readModel, times(1)).recordPlacedWithProgress(any(), any());
    }

    @Test
    void aPixOrderIsWrittenAsPlacedBeforeItWaitsForThePayment() {
        var order = fx.order(PaymentMethod.PIX, Fulfilment.takeaway());
        var outcome = fx.placeAndAwaitOutcome(order);
        assertThat(outcome.payment().pixCode()).isNotBlank();

        // Waiting for the customer: the order is listed as placed, its first status not written yet.
        verify(fx.readModel, times(1)).recordPlaced(any(), any());
        verify(fx.readModel, never()).recordPlacedWithProgress(any(), any());

        var workflow = fx.stub(order);
        workflow.pixConfirmed(new PixConfirmation(OrderWorkflowFixture.CHARGE_ID));
        OrderWorkflowFixture.awaitStatus(workflow, OrderStatus.CONFIRMED);
        assertThat(fx.progressWrites()).extracting(OrderProgress::status).containsExactly(OrderStatus.CONFIRMED);
        assertThat(fx.progressWrites().getFirst().entries().getFirst().step())
                .as("the placement's entry went in with the order")
                .isNotEqualTo("PLACED");
        verify(fx.readModel, never()).recordPlacedWithProgress(any(), any());
    }

    @Test
    void aDeclinedCardIsWrittenAsPlacedBeforeItsUndoAndThenRejected() {
        fx.cardsDeclined();

        var done = result(fx.start(fx.cardDelivery()));

        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        var sequence = inOrder(fx.readModel, fx.payments);
        sequence.verify(fx.readModel).recordPlaced(any(), any());
        sequence.verify(fx.payments).refund(any());
        sequence.verify(fx.readModel).recordProgress(any());
        verify(fx.readModel, never()).recordPlacedWithProgress(any(), any());
        assertThat(fx.progressWrites().getLast().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void aRetriedFirstWriteSendsTheSameProgress() {
        doThrow(new IllegalStateException("Deadlock found when trying to get lock"))
                .doNothing()
                .when(fx.readModel)
                .recordPlacedWithProgress(any(), any());

        fx.placeAndAwaitOutcome(fx.cardDelivery());

        assertThat(fx.progressWrites()).hasSize(2);
        assertThat(fx.progressWrites().getFirst()).isEqualTo(fx.progressWrites().getLast());
    }
}
