package dev.comanda.bench;

import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Temporal server floor: what the Temporal server alone accepts on this machine, and its CPU per item,
 * in four shapes, one after the other, each on task queues of its own (so no shape's leftovers are in
 * another's way) and each with its CPU taken from its own measured part:
 * <ol>
 *   <li><b>start</b>: {@code WorkflowClient.start} of a workflow nobody runs (the server persists the start
 *       and schedules its first workflow task on a queue no worker polls);
 *   <li><b>one-task</b>: a workflow that returns at once, run by a worker in this JVM (start, one workflow
 *       task, completed; the client waits for the result);
 *   <li><b>order-shaped</b>: an order's Temporal work to CONFIRMED with the kitchen off and no business I/O,
 *       as this build shapes it ({@link FloorWorkflows.OrderShaped}): placed with update-with-start, counted
 *       when its outcome update answers CONFIRMED;
 *   <li><b>order-before</b>: the same work as the build issue 24 measured shaped it ({@link
 *       FloorWorkflows.OrderBefore}: three workflow tasks, two activity tasks), counted when it reaches the
 *       wait for the kitchen.
 * </ol>
 * Workflows it leaves running (every start of the first shape, the last in flight of the others, each
 * order-shaped one on its 12 h timer) are left, not terminated: terminating them would be server work in
 * the middle of the next shape, and bench/run.sh throws its dev server, SQLite and all, away after the run.
 * A command, never a test: nothing here asserts a timing.
 */
public final class ServerFloor {

    static final String SERVER = "server";
    static final String THIS_JVM = "this-jvm";

    /** The longest an item may take before it counts as an error; far beyond any healthy one. */
    private static final Duration ITEM_TIMEOUT = Duration.ofSeconds(30);
    /** The production workers' defaults per queue (WorkerProperties.Concurrency.DEFAULT), so the SDK's cost is theirs. */
    private static final int WORKFLOW_TASK_SLOTS = 50;

    private static final int ACTIVITY_SLOTS = 100;
    private static final int POLLERS = 4;
    private static final int WORKFLOW_CACHE = 600;
    private static final Duration WORKER_SHUTDOWN = Duration.ofSeconds(10);

    /** The order shapes' workflow input: an order's size. */
    private static final String ORDER = FloorWorkflows.filler(FloorWorkflows.ORDER);
    /** The tenant the order-shaped workflows are searchable by and fair to. */
    private static final String TENANT = "server-floor";

    private final ServerFloorOptions options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    ServerFloor(ServerFloorOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ServerFloorOptions options;
        try {
            options = ServerFloorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        var written = new ServerFloor(options).run();
        System.out.println();
        System.out.println(written.markdown());
        LoadGenerator.log("wrote %s and %s", written.jsonPath(), written.markdownPath());
        System.exit(0);
    }

    /** Runs the four shapes and writes the report. */
    Report.Written run() throws Exception {
        var pids = new LinkedHashMap<String, Long>();
        options.serverPid().ifPresent(pid -> pids.put(SERVER, pid));
        pids.put(THIS_JVM, ProcessHandle.current().pid());
        var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(options.temporal())
                // NONE by default, as the API and the workers talk to the server (TemporalTransport).
                .setGrpcCompression(options.grpcCompression())
                .build());
        try {
            var client = WorkflowClient.newInstance(
                    stubs,
                    WorkflowClientOptions.newBuilder()
                            .setNamespace(options.namespace())
                            // Payloads encrypted as every Comanda client's are, so the floor includes the
                            // codec; under a key of this run alone (its workflows carry no customer data).
                            .setDataConverter(PayloadEncryption.dataConverter(StaticDataKeys.ephemeral()))
                            .build());
            var shapes = new ArrayList<Map<String, Object>>();
            shapes.add(startShape(client, pids));
            shapes.add(oneTaskShape(client, pids));
            shapes.add(orderShape(client, pids));
            shapes.add(orderBeforeShape(client, pids));
            return ServerFloorReport.write(options, run, shapes);
        } finally {
            stubs.shutdownNow();
            stubs.awaitTermination(WORKER_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> startShape(WorkflowClient client, Map<String, Long> pids) throws InterruptedException {
        var queue = queue("start");
        LoadGenerator.log(
                "start: %d clients starting %s on %s, which nobody polls",
                concurrency(), FloorWorkflows.NEVER_RUN, queue);
        var result = loop(
                pids,
                () -> client.newUntypedWorkflowStub(FloorWorkflows.NEVER_RUN, start(queue, "start"))
                        .start());
        return ServerFloorReport.shape(
                "start", "workflows started (first task scheduled, never run)", queue, options, result, false);
    }

    private Map<String, Object> oneTaskShape(WorkflowClient client, Map<String, Long> pids)
            throws InterruptedException {
        var queue = queue("one-task");
        var factory = factory(client);
        factory.newWorker(queue, workerOptions()).registerWorkflowImplementationTypes(FloorWorkflows.OneTaskImpl.class);
        factory.start();
        try {
            LoadGenerator.log("one-task: %d clients running %s on %s", concurrency(), FloorWorkflows.ONE_TASK, queue);
            // The wait for the result is one long poll per workflow: the server's cost for any client that waits.
            var result = loop(pids, () -> {
                var stub = client.newUntypedWorkflowStub(FloorWorkflows.ONE_TASK, start(queue, "one-task"));
                stub.start();
                stub.getResult(ITEM_TIMEOUT.toSeconds(), TimeUnit.SECONDS, Void.class);
            });
            return ServerFloorReport.shape(
                    "one-task", "workflows completed (start + one workflow task)", queue, options, result, true);
        } finally {
            stop(factory);
        }
    }

    private Map<String, Object> orderShape(WorkflowClient client, Map<String, Long> pids) throws InterruptedException {
        var queue = queue("order");
        var factory = factory(client);
        var orders = factory.newWorker(queue, workerOptions());
        orders.registerWorkflowImplementationTypes(FloorWorkflows.OrderShapedImpl.class);
        orders.registerActivitiesImplementations(new FloorWorkflows.LocalStepsImpl());
        factory.start();
        try {
            LoadGenerator.log(
                    "order-shaped: %d clients placing %s on %s with its outcome update",
                    concurrency(), FloorWorkflows.ORDER_SHAPED, queue);
            // Started with its outcome update, as the API places an order, and counted when the update answers:
            // the workflow is CONFIRMED and its one workflow task done.
            var outcome = UpdateOptions.<String>newBuilder()
                    .setUpdateId(FloorWorkflows.OUTCOME_UPDATE_ID)
                    .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                    .build();
            var result = loop(pids, () -> {
                var workflow = client.newWorkflowStub(FloorWorkflows.OrderShaped.class, placement(queue));
                WorkflowClient.executeUpdateWithStart(
                        workflow::outcome, outcome, new WithStartWorkflowOperation<>(workflow::run, ORDER));
            });
            return ServerFloorReport.shape(
                    "order-shaped",
                    "workflows CONFIRMED and waiting for the kitchen (update-with-start, 1 workflow task, 0 activity"
                            + " tasks, 13 events each)",
                    queue,
                    options,
                    result,
                    true);
        } finally {
            stop(factory);
        }
    }

    private Map<String, Object> orderBeforeShape(WorkflowClient client, Map<String, Long> pids)
            throws InterruptedException {
        var queue = queue("order-before");
        var payments = queue("order-before-payments");
        var notifications = queue("order-before-notifications");
        var remote = new FloorWorkflows.RemoteStepsImpl();
        var factory = factory(client);
        var orders = factory.newWorker(queue, workerOptions());
        orders.registerWorkflowImplementationTypes(FloorWorkflows.OrderBeforeImpl.class);
        orders.registerActivitiesImplementations(new FloorWorkflows.LocalStepsImpl());
        factory.newWorker(payments, workerOptions()).registerActivitiesImplementations(remote);
        factory.newWorker(notifications, workerOptions()).registerActivitiesImplementations(remote);
        factory.start();
        try {
            LoadGenerator.log(
                    "order-before: %d clients running %s on %s (activities on %s, %s)",
                    concurrency(), FloorWorkflows.ORDER_BEFORE, queue, payments, notifications);
            // Counted when the notification activity runs: the workflow has reached CONFIRMED's wait, and its
            // third workflow task (that activity's completion) follows within the same steady state.
            var result = loop(pids, () -> {
                var workflow = start(queue, "order-before");
                var reached = remote.expect(workflow.getWorkflowId());
                try {
                    client.newUntypedWorkflowStub(FloorWorkflows.ORDER_BEFORE, workflow)
                            .start(ORDER, payments, notifications);
                    reached.get(ITEM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } finally {
                    remote.forget(workflow.getWorkflowId());
                }
            });
            return ServerFloorReport.shape(
                    "order-before",
                    "workflows waiting for the kitchen in the shape issue 24 measured (3 workflow tasks, 2"
                            + " activity tasks, 23 events each)",
                    queue,
                    options,
                    result,
                    true);
        } finally {
            stop(factory);
        }
    }

    private ClosedLoop.Result loop(Map<String, Long> pids, ClosedLoop.Item item) throws InterruptedException {
        var result = ClosedLoop.run(concurrency(), options.warmup(), options.duration(), pids, item);
        LoadGenerator.log(
                "  %d in %.1f s, %d errors%s",
                result.completed(),
                result.seconds(),
                result.errors(),
                result.lastError() == null ? "" : " (last: " + result.lastError() + ")");
        return result;
    }

    /**
     * An order's start as the API makes it: one workflow per ID, searchable from its first moment, the tenant
     * its fairness key.
     */
    private WorkflowOptions placement(String queue) {
        return WorkflowOptions.newBuilder(start(queue, "order"))
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setPriority(Priority.newBuilder().setFairnessKey(TENANT).build())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(OrderSearchAttributes.TENANT, TENANT)
                        .set(OrderSearchAttributes.STATUS, OrderStatus.PENDING.name())
                        .set(OrderSearchAttributes.PAYMENT_METHOD, PaymentMethod.CARD.name())
                        .set(OrderSearchAttributes.FULFILMENT, FulfilmentType.TAKEAWAY.name())
                        .build())
                .build();
    }

    private WorkflowOptions start(String queue, String shape) {
        return WorkflowOptions.newBuilder()
                .setTaskQueue(queue)
                .setWorkflowId("server-floor-" + run + "-" + shape + "-" + sequence.incrementAndGet())
                .build();
    }

    /** A queue name of this run alone: a second run on the same server starts from empty queues. */
    private String queue(String shape) {
        return "server-floor-" + run + "-" + shape;
    }

    private int concurrency() {
        return options.concurrency();
    }

    private static WorkerFactory factory(WorkflowClient client) {
        return WorkerFactory.newInstance(
                client,
                WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(WORKFLOW_CACHE)
                        .setUsingVirtualWorkflowThreads(true)
                        .build());
    }

    private static WorkerOptions workerOptions() {
        return WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(WORKFLOW_TASK_SLOTS)
                .setMaxConcurrentActivityExecutionSize(ACTIVITY_SLOTS)
                .setMaxConcurrentLocalActivityExecutionSize(ACTIVITY_SLOTS)
                .setMaxConcurrentWorkflowTaskPollers(POLLERS)
                .setMaxConcurrentActivityTaskPollers(POLLERS)
                .setUsingVirtualThreads(true)
                .build();
    }

    private static void stop(WorkerFactory factory) {
        factory.shutdownNow();
        factory.awaitTermination(WORKER_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
    }
}
