package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.ScriptedActivities.Script;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import io.temporal.worker.WorkerDeploymentOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rolling deploy with worker deployment versioning on a real dev server, as docs/architecture.md
 * ("Changing the workflow") describes it: build A is current and takes an order; build B starts next to
 * it and becomes current ({@code temporal worker deployment set-current-version}); the order A started
 * finishes on A (its kitchen moves arrive after the switch), the next order runs on B. Both builds run
 * this module's {@link OrderWorkflowImpl}; which build ran each task is what the history records. The
 * deployment options are the ones the workers app sets from {@code COMANDA_WORKER_DEPLOYMENT} and
 * {@code COMANDA_WORKER_BUILD_ID} (WorkerProperties). Part of every build; alone:
 *
 * <pre>
 * ./mvnw -B -pl workflows verify -Dgroups=devserver
 * </pre>
 */
@Tag("devserver")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderWorkerVersioningTests {

    private static final String DEPLOYMENT = "comanda";
    private static final String OLD_BUILD = "build-a";
    private static final String NEW_BUILD = "build-b";
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CLI_RETRY = Duration.ofMillis(500);
    private static final Duration VISIBILITY_POLL = Duration.ofMillis(100);
    private static final List<OrderStatus> REST_OF_THE_KITCHEN =
            List.of(OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);

    private final List<WorkerFactory> builds = new ArrayList<>();
    private final List<ScriptedActivities> activities = new ArrayList<>();
    private TemporalDevServer server;
    private WorkflowClient client;
    private OrderWorkflow startedOnOldBuild;
    private OrderWorkflow startedOnNewBuild;

    @BeforeAll
    void rollOutTheNewBuildWhileAnOrderRuns() throws Exception {
        server = TemporalDevServer.start(OrderSearchAttributes.registrations());
        client = server.client();
        deploy(OLD_BUILD);
        setCurrentVersion(OLD_BUILD);
        startedOnOldBuild = start("before-the-deploy");
        awaitStatus(startedOnOldBuild, OrderStatus.CONFIRMED);
        startedOnOldBuild.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));

        deploy(NEW_BUILD);
        setCurrentVersion(NEW_BUILD);
        startedOnNewBuild = start("after-the-deploy");
        awaitStatus(startedOnNewBuild, OrderStatus.CONFIRMED);
        startedOnNewBuild.transition(new TransitionRequest(OrderStatus.ACCEPTED, Actor.KITCHEN));
    }

    @AfterAll
    void stop() {
        builds.forEach(WorkerFactory::shutdownNow);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOrderStartedBeforeTheDeployFinishesOnTheOldBuild() {
        var id = WorkflowStub.fromTyped(startedOnOldBuild).getExecution().getWorkflowId();
        assertThat(awaitRunningOn(OLD_BUILD, 1)).containsExactly(id);

        finish(startedOnOldBuild);

        assertRanOnlyOn(startedOnOldBuild, OLD_BUILD);
        // The operator's drain check (docs/architecture.md): nothing left for the old build to finish.
        assertThat(awaitRunningOn(OLD_BUILD, 0)).isEmpty();
    }

    @Test
    void anOrderStartedAfterTheDeployRunsOnTheNewBuild() {
        finish(startedOnNewBuild);

        assertRanOnlyOn(startedOnNewBuild, NEW_BUILD);
    }

    private void assertRanOnlyOn(OrderWorkflow workflow, String buildId) {
        var stub = WorkflowStub.fromTyped(workflow);
        var history = client.fetchHistory(stub.getExecution().getWorkflowId());
        var workflowTasks = events(history.getEvents(), EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
        assertThat(workflowTasks).hasSizeGreaterThan(REST_OF_THE_KITCHEN.size());
        assertThat(workflowTasks)
                .extracting(e -> e.getWorkflowTaskCompletedEventAttributes()
                        .getDeploymentVersion()
                        .getBuildId())
                .containsOnly(buildId);
        assertThat(workflowTasks)
                .extracting(e -> e.getWorkflowTaskCompletedEventAttributes().getVersioningBehavior())
                .containsOnly(io.temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED);
        // The payment, notifications and marketplace activities stay on the order's build too.
        assertThat(events(history.getEvents(), EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED))
                .isNotEmpty()
                .extracting(e -> e.getActivityTaskStartedEventAttributes().getIdentity())
                .containsOnly(identity(buildId));
        var versioning =
                stub.describe().getRawDescription().getWorkflowExecutionInfo().getVersioningInfo();
        assertThat(versioning.getBehavior())
                .isEqualTo(io.temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED);
        assertThat(versioning.getDeploymentVersion().getBuildId()).isEqualTo(buildId);
    }

    /** Visibility lags the history a little: asks again until it lists {@code expected} orders or time runs out. */
    private List<String> awaitRunningOn(String buildId, int expected) {
        // The server spells a version "<deployment>:<build>"; the SDK's toCanonicalString() still says
        // "<deployment>.<build>".
        var query = "TemporalWorkerDeploymentVersion=\"" + DEPLOYMENT + ":" + buildId
                + "\" AND ExecutionStatus=\"Running\"";
        var deadline = System.nanoTime() + CLI_DEADLINE.toNanos();
        List<String> running;
        do {
            running = client.listExecutions(query)
                    .map(execution -> execution.getExecution().getWorkflowId())
                    .toList();
            if (running.size() == expected) {
                return running;
            }
            DevServerOrders.pause(VISIBILITY_POLL);
        } while (System.nanoTime() < deadline);
        return running;
    }

    private static void finish(OrderWorkflow workflow) {
        for (var next : REST_OF_THE_KITCHEN) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    private static List<HistoryEvent> events(List<HistoryEvent> events, EventType type) {
        return events.stream().filter(e -> e.getEventType() == type).toList();
    }

    /** One build: every task queue in the deployment version, as the workers app sets it from its environment. */
    private void deploy(String buildId) {
        var scripted = new ScriptedActivities();
        activities.add(scripted);
        var options = WorkerOptions.newBuilder()
                .setIdentity(identity(buildId))
                .setDeploymentOptions(WorkerDeploymentOptions.newBuilder()
                        .setUseVersioning(true)
                        .setVersion(new WorkerDeploymentVersion(DEPLOYMENT, buildId))
                        .setDefaultVersioningBehavior(VersioningBehavior.PINNED)
                        .build())
                .build();
        builds.add(DevServerOrders.startWorkers(client, scripted, options));
    }

    private static String identity(String buildId) {
        return "workers-" + buildId;
    }

    /**
     * The operator's step of the rollout, with the real CLI. Retried: the server learns of a version from
     * its pollers, a moment after the workers start.
     */
    private void setCurrentVersion(String buildId) throws IOException, InterruptedException {
        var binary = TemporalDevServer.cli();
        var deadline = System.nanoTime() + CLI_DEADLINE.toNanos();
        String output;
        do {
            var process = new ProcessBuilder(
                            binary,
                            "worker",
                            "deployment",
                            "set-current-version",
                            "--address",
                            server.target(),
                            "--namespace",
                            TemporalDevServer.NAMESPACE,
                            "--deployment-name",
                            DEPLOYMENT,
                            "--build-id",
                            buildId,
                            "--yes")
                    .redirectErrorStream(true)
                    .start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor(CLI_DEADLINE.toSeconds(), TimeUnit.SECONDS) && process.exitValue() == 0) {
                return;
            }
            DevServerOrders.pause(CLI_RETRY);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("set-current-version " + buildId + " kept failing: " + output);
    }

    private OrderWorkflow start(String key) {
        var order = DevServerOrders.order(
                key, PaymentMethod.CARD, DevServerOrders.delivery(), OrderPolicy.DEFAULT, "ifood");
        activities.forEach(scripted -> scripted.script(order.orderId(), Script.HAPPY));
        return DevServerOrders.start(client, order);
    }
}
