package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.inventory.ReservationStatus;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.ScriptedActivities.Script;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An order of the previous build, stopped mid-saga by a deployment, finishes on today's build, on a real dev
 * server (docs/architecture.md, "Changing the workflow"). The previous build is today's code as it runs where
 * {@link OrderContract#NOTICES_OUTBOX_CHANGE}, {@link OrderContract#PLACEMENT_WITH_FIRST_STATUS_CHANGE} and {@link
 * OrderContract#HANDOVER_COMPLETES_CHANGE} are unknown: its workers answer those changes' {@code getVersion} with the
 * default version and record no marker, which is what the previous build's code did by not asking (it wrote the
 * order first, announced READY with the notification activity, and wrote COMPLETED after the handover's write).
 * They keep no workflow in cache (no sticky queue), so nothing of them outlives their shutdown: today's workers
 * replay the order from its first event when its next kitchen move arrives, and go on.
 *
 * <p>{@link OrderWorkflowReplayTests} replays the previous build's own captured histories of every path; this is
 * one order living across the deployment. Part of every build; alone: {@code ./mvnw -B -pl workflows verify
 * -Dgroups=devserver}.
 */
@Tag("devserver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderWorkflowUpgradeTests {

    private static final String PREVIOUS_BUILD = "workers-previous-build";
    private static final String TODAYS_BUILD = "workers-todays-build";
    private static final Duration RESULT_DEADLINE = Duration.ofSeconds(60);

    private TemporalDevServer server;
    private WorkflowClient client;
    private WorkerFactory previous;
    private WorkerFactory today;

    @BeforeAll
    void startServer() throws Exception {
        server = TemporalDevServer.start(OrderSearchAttributes.registrations());
        client = server.client();
    }

    @AfterEach
    void stopWorkers() {
        for (var factory : new WorkerFactory[] {previous, today}) {
            if (factory != null) {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOrderTakenOverBeforeReadyAnnouncesReadyThroughTheOutbox() throws Exception {
        var activities = new ScriptedActivities();
        previous = previousBuild(activities);
        var workflow = start(activities, "upgrade-before-ready");
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        workflow.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));

        deployTodaysBuild(activities);
        finish(workflow, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);

        var history = history(workflow);
        assertTakenOverWithoutAFailure(history);
        // READY came after the deployment: asked there, for the first time in this order, and today's path taken.
        assertAnnouncedThroughTheOutbox(history, activities, NotificationKind.READY);
        // So was the handover: it completed the order in its own write.
        assertThat(Replays.versionMarkers(history, OrderContract.HANDOVER_COMPLETES_CHANGE))
                .isOne();
    }

    @Test
    void anOrderTakenOverAfterThePreviousBuildAnnouncedReadyKeepsThatPathAndAnnouncesNothingTwice() throws Exception {
        var activities = new ScriptedActivities();
        previous = previousBuild(activities);
        var workflow = start(activities, "upgrade-after-ready");
        DevServerOrders.kitchen(workflow, List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY));
        awaitNotified(activities, NotificationKind.READY);

        deployTodaysBuild(activities);
        finish(workflow, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);

        var history = history(workflow);
        assertTakenOverWithoutAFailure(history);
        // Today's build replayed READY on the notification activity's path: no marker, so the default version.
        assertThat(Replays.versionMarkers(history, OrderContract.NOTICES_OUTBOX_CHANGE))
                .isZero();
        assertThat(activities.notified).containsExactly(NotificationKind.READY);
        assertThat(activities.queuedNotices).containsExactly(NotificationKind.CONFIRMED);
        Replays.replay(history);
    }

    /** The undo runs on the build that took the order over, once: refund, restock, the CANCELLED notice. */
    @Test
    void anOrderConfirmedByThePreviousBuildAndCancelledOnTodaysIsUndoneOnce() throws Exception {
        var activities = new ScriptedActivities();
        previous = previousBuild(activities);
        var workflow = start(activities, "upgrade-cancelled");
        DevServerOrders.kitchen(workflow, List.of(OrderStatus.ACCEPTED));

        deployTodaysBuild(activities);
        workflow.cancel(new CancelRequest(Actor.KITCHEN, "oven broke"));

        var result = WorkflowStub.fromTyped(workflow)
                .getResultAsync(OrderState.class)
                .get(RESULT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(result.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(result.reservation().status()).isEqualTo(ReservationStatus.RESTOCKED);
        var history = history(workflow);
        assertTakenOverWithoutAFailure(history);
        assertAnnouncedThroughTheOutbox(history, activities, NotificationKind.CANCELLED);
    }

    private OrderWorkflow start(ScriptedActivities activities, String key) {
        var order = DevServerOrders.order(key, PaymentMethod.CARD, DevServerOrders.delivery(), OrderPolicy.DEFAULT);
        activities.script(order.orderId(), Script.HAPPY);
        return DevServerOrders.start(client, order);
    }

    private WorkerFactory previousBuild(ScriptedActivities activities) {
        return DevServerOrders.startWorkers(
                client,
                activities,
                WorkerOptions.newBuilder().setIdentity(PREVIOUS_BUILD).build(),
                WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new WithoutTheLatestChanges())
                        .setWorkflowCacheSize(0)
                        .build());
    }

    /** The deployment: the previous build's workers stop, today's take every task queue over. */
    private void deployTodaysBuild(ScriptedActivities activities) {
        previous.shutdown();
        previous.awaitTermination(30, TimeUnit.SECONDS);
        today = DevServerOrders.startWorkers(
                client,
                activities,
                WorkerOptions.newBuilder().setIdentity(TODAYS_BUILD).build());
    }

    private static void finish(OrderWorkflow workflow, OrderStatus... moves) throws Exception {
        for (var next : moves) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }
        // Bounded: a workflow task failing on nondeterminism is retried for ever, and the test must say so.
        var result = WorkflowStub.fromTyped(workflow)
                .getResultAsync(OrderState.class)
                .get(RESULT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    /** The notification activity runs beside the workflow: waits for it, with a deadline. */
    private static void awaitNotified(ScriptedActivities activities, NotificationKind kind) {
        var deadline = System.nanoTime() + RESULT_DEADLINE.toNanos();
        while (!activities.notified.contains(kind)) {
            assertThat(System.nanoTime()).as("notified of " + kind).isLessThan(deadline);
            DevServerOrders.pause(Duration.ofMillis(20));
        }
    }

    private WorkflowExecutionHistory history(OrderWorkflow workflow) {
        return client.fetchHistory(
                WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    }

    /** The previous build completed its first workflow tasks, today's its last, and no workflow task failed. */
    private static void assertTakenOverWithoutAFailure(WorkflowExecutionHistory history) {
        assertThat(completedBy(history)).startsWith(PREVIOUS_BUILD).endsWith(TODAYS_BUILD);
        assertThat(events(history, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)).isZero();
    }

    /**
     * CONFIRMED and then {@code afterTheTakeover} rode on their status writes, today's path taken once it was asked
     * for (one marker), no notification activity ran, and the history replays on today's code.
     */
    private static void assertAnnouncedThroughTheOutbox(
            WorkflowExecutionHistory history, ScriptedActivities activities, NotificationKind afterTheTakeover)
            throws Exception {
        assertThat(Replays.versionMarkers(history, OrderContract.NOTICES_OUTBOX_CHANGE))
                .isOne();
        assertThat(activities.queuedNotices).containsExactly(NotificationKind.CONFIRMED, afterTheTakeover);
        assertThat(activities.notified).isEmpty();
        Replays.replay(history);
    }

    /** Who completed each workflow task, in order: the builds the order ran on. */
    private static List<String> completedBy(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .map(e -> e.getWorkflowTaskCompletedEventAttributes().getIdentity())
                .toList();
    }

    private static long events(WorkflowExecutionHistory history, EventType type) {
        return history.getEvents().stream()
                .map(HistoryEvent::getEventType)
                .filter(type::equals)
                .count();
    }

    /** The previous build's workers: the changes since were not in their code. */
    private static final class WithoutTheLatestChanges extends WorkerInterceptorBase {

        private static final Set<String> CHANGES_SINCE = Set.of(
                OrderContract.NOTICES_OUTBOX_CHANGE,
                OrderContract.PLACEMENT_WITH_FIRST_STATUS_CHANGE,
                OrderContract.HANDOVER_COMPLETES_CHANGE);

        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
            return new WorkflowInboundCallsInterceptorBase(next) {
                @Override
                public void init(WorkflowOutboundCallsInterceptor outbound) {
                    super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                        @Override
                        public int getVersion(String changeId, int minSupported, int maxSupported) {
                            return CHANGES_SINCE.contains(changeId)
                                    ? Workflow.DEFAULT_VERSION
                                    : super.getVersion(changeId, minSupported, maxSupported);
                        }
                    });
                }
            };
        }
    }
}
