package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every notification of an order rides on the read model's write of the status it announces (the outbox,
 * one transaction): CONFIRMED always did; READY, REJECTED and CANCELLED since {@link
 * OrderContract#NOTICES_OUTBOX_CHANGE}. A new order schedules no notification activity at all; an order of
 * the previous build, which scheduled one for READY, replays on that path.
 */
class OrderWorkflowNoticesTests {

    private static final String HISTORY_FROM_BEFORE_THE_CHANGE =
            "histories/before-notices-outbox/card-takeaway-completed.json";
    private static final String NOTIFY_ACTIVITY = "NotificationNotify";

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aCompletedOrderQueuesConfirmedAndReadyWithTheirWritesAndSchedulesNoActivity() throws Exception {
        var order = fx.cardDelivery();
        var workflow = fx.start(order);
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.PREPARING, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.READY, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.OUT_FOR_DELIVERY, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.DELIVERED, Actor.KITCHEN));
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);

        var withNotice = writesWithANotice();
        assertThat(withNotice)
                .extracting(progress -> progress.notice().kind())
                .containsExactly(NotificationKind.CONFIRMED, NotificationKind.READY);
        for (var progress : withNotice) {
            // Each notice announces the status of the write that carries it, under its own key.
            assertThat(progress.notice().kind().name())
                    .isEqualTo(progress.status().name());
            assertThat(progress.notice().order().status()).isEqualTo(progress.status());
            assertThat(progress.notice().order().customer()).isEqualTo(order.customer());
            assertThat(progress.notice().idempotencyKey())
                    .isEqualTo(OrderContract.effectKey(
                            order.orderId(),
                            "notify-" + progress.notice().kind().name().toLowerCase()));
        }
        verifyNoInteractions(fx.notifications);

        var history = fx.history(workflow);
        assertThat(versionMarkers(history)).as("asked once, at READY").isOne();
        assertThat(notifyActivities(history)).isZero();
        Replays.replay(history);
    }

    /**
     * One version marker on the way to CONFIRMED, the placement's ({@link
     * OrderContract#PLACEMENT_WITH_FIRST_STATUS_CHANGE}, asked at the start), and the one the cancellation's notice
     * asks for: no other.
     */
    @Test
    void aCancelledOrderQueuesItsCancellationWithItsWriteAndRecordsOnlyThatNoticesMarker() throws Exception {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.CANCELLED);

        assertThat(writesWithANotice())
                .extracting(
                        progress -> progress.status() + ":" + progress.notice().kind())
                .containsExactly("CONFIRMED:CONFIRMED", "CANCELLED:CANCELLED");
        verifyNoInteractions(fx.notifications);
        var history = fx.history(workflow);
        assertThat(allVersionMarkers(history))
                .as("the placement's change and the one its cancellation notice asks for")
                .isEqualTo(2);
        assertThat(versionMarkers(history)).isOne();
        assertThat(Replays.versionMarkers(history, OrderContract.PLACEMENT_WITH_FIRST_STATUS_CHANGE))
                .isOne();
        Replays.replay(history);
    }

    @Test
    void aRejectedOrderQueuesItsRejectionWithItsWriteAfterTheUndo() throws Exception {
        fx.cardsDeclined();

        var workflow = fx.start(fx.cardDelivery());
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.REJECTED);

        var withNotice = writesWithANotice();
        assertThat(withNotice).hasSize(1);
        assertThat(withNotice.getFirst().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(withNotice.getFirst().notice().kind()).isEqualTo(NotificationKind.REJECTED);
        assertThat(withNotice.getFirst().notice().order().rejectionReason())
                .isEqualTo(RejectionReason.PAYMENT_DECLINED);
        verifyNoInteractions(fx.notifications);
    }

    @Test
    void anOrderOfThePreviousBuildReplaysOnTheOldPathWithItsReadyActivity() throws Exception {
        var history = Replays.resource(HISTORY_FROM_BEFORE_THE_CHANGE);
        assertThat(versionMarkers(history)).isZero();
        assertThat(notifyActivities(history)).as("READY").isOne();

        Replays.replay(history);
    }

    private List<OrderProgress> writesWithANotice() {
        return fx.progressWrites().stream().filter(p -> p.notice() != null).toList();
    }

    private static long notifyActivities(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> e.getActivityTaskScheduledEventAttributes()
                        .getActivityType()
                        .getName()
                        .equals(NOTIFY_ACTIVITY))
                .count();
    }

    private static long allVersionMarkers(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .filter(e ->
                        e.getMarkerRecordedEventAttributes().getMarkerName().equals("Version"))
                .count();
    }

    private static long versionMarkers(WorkflowExecutionHistory history) {
        return Replays.versionMarkers(history, OrderContract.NOTICES_OUTBOX_CHANGE);
    }
}
