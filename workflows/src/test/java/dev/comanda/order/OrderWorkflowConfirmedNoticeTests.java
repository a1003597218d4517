package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * {@link OrderContract#CONFIRMED_NOTICE_OUTBOX_CHANGE}: a new order hands its CONFIRMED notification to the
 * read model's write of CONFIRMED (the outbox) and schedules no activity for it; an order recorded before
 * the change replays on the old path, which scheduled the notification activity. The other notifications are
 * activities either way.
 */
class OrderWorkflowConfirmedNoticeTests {

    private static final String HISTORY_FROM_BEFORE_THE_CHANGE =
            "histories/before-confirmed-notice-outbox/card-takeaway-completed.json";
    private static final String NOTIFY_ACTIVITY = "NotificationNotify";

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aNewOrderQueuesItsConfirmedNoticeWithTheReadModelWriteAndSchedulesNoActivityForIt() throws Exception {
        var order = fx.cardDelivery();
        var workflow = fx.start(order);
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.PREPARING, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.READY, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.OUT_FOR_DELIVERY, Actor.KITCHEN));
        workflow.transition(new TransitionRequest(OrderStatus.DELIVERED, Actor.KITCHEN));
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);

        var progress = ArgumentCaptor.forClass(OrderProgress.class);
        verify(fx.readModel, atLeastOnce()).recordProgress(progress.capture());
        var withNotice =
                progress.getAllValues().stream().filter(p -> p.notice() != null).toList();
        assertThat(withNotice).hasSize(1);
        var confirmed = withNotice.getFirst();
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.notice().kind()).isEqualTo(NotificationKind.CONFIRMED);
        assertThat(confirmed.notice().idempotencyKey())
                .isEqualTo(OrderContract.effectKey(order.orderId(), "notify-confirmed"));
        assertThat(confirmed.notice().order().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(confirmed.notice().order().customer()).isEqualTo(order.customer());

        var notified = ArgumentCaptor.forClass(Notification.class);
        verify(fx.notifications, atLeastOnce()).notify(notified.capture());
        assertThat(notified.getAllValues())
                .as("READY stays an activity; CONFIRMED is no longer one")
                .extracting(Notification::kind)
                .containsExactly(NotificationKind.READY);

        var history = fx.history(workflow);
        assertThat(versionMarkers(history)).isOne();
        assertThat(notifyActivities(history)).isOne();
        Replays.replay(history);
    }

    @Test
    void aCancelledOrderStillNotifiesThroughTheActivity() {
        var workflow = fx.start(fx.cardDelivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));
        result(workflow);

        var notified = ArgumentCaptor.forClass(Notification.class);
        verify(fx.notifications, atLeastOnce()).notify(notified.capture());
        assertThat(notified.getAllValues()).extracting(Notification::kind).contains(NotificationKind.CANCELLED);
        verify(fx.notifications, never()).notify(argThat(n -> n.kind() == NotificationKind.CONFIRMED));
    }

    @Test
    void anOrderFromBeforeTheChangeReplaysOnTheOldPathWithItsNotificationActivity() throws Exception {
        var history = Replays.resource(HISTORY_FROM_BEFORE_THE_CHANGE);
        assertThat(versionMarkers(history)).isZero();
        assertThat(notifyActivities(history)).as("CONFIRMED and READY").isEqualTo(2);

        Replays.replay(history);
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

    private static long versionMarkers(WorkflowExecutionHistory history) {
        return Replays.versionMarkers(history, OrderContract.CONFIRMED_NOTICE_OUTBOX_CHANGE);
    }
}
