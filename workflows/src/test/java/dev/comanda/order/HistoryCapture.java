package dev.comanda.order;

import dev.comanda.order.ScriptedActivities.Script;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A dev server with workers running {@link OrderWorkflowImpl} on {@link ScriptedActivities}, for the
 * capture tests: each starts an order down one {@link WorkflowPath} and saves its history to
 * {@code $comanda.histories.dir/<path>.json} (default {@code target/captured-histories}).
 */
final class HistoryCapture implements AutoCloseable {

    /** Deadlines of seconds, not minutes, so PIX expiry and the accept deadline happen in real time. */
    private static final Duration SHORT = Duration.ofSeconds(3);

    static final OrderPolicy PIX_EXPIRES_SOON = new OrderPolicy(SHORT, OrderPolicy.DEFAULT.acceptDeadline());
    static final OrderPolicy ACCEPT_DEADLINE_SOON = new OrderPolicy(OrderPolicy.DEFAULT.reservationTtl(), SHORT);
    static final List<OrderStatus> DELIVERY = List.of(
            OrderStatus.ACCEPTED,
            OrderStatus.PREPARING,
            OrderStatus.READY,
            OrderStatus.OUT_FOR_DELIVERY,
            OrderStatus.DELIVERED);
    static final List<OrderStatus> TAKEAWAY =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP);

    private final ScriptedActivities activities = new ScriptedActivities();
    private final Path dir = Path.of(System.getProperty("comanda.histories.dir", "target/captured-histories"));
    private final TemporalDevServer server;
    private final WorkflowClient client;
    private final WorkerFactory workers;

    HistoryCapture() throws IOException {
        Files.createDirectories(dir);
        server = TemporalDevServer.start(OrderSearchAttributes.registrations());
        client = server.client();
        workers = DevServerOrders.startWorkers(client, activities, WorkerOptions.getDefaultInstance());
    }

    OrderWorkflow start(WorkflowPath path, PaymentMethod method, Fulfilment fulfilment, String... marketplaces) {
        return start(path, method, fulfilment, OrderPolicy.DEFAULT, Script.HAPPY, marketplaces);
    }

    /** The order ID is derived from the path: every capture of a path gives the same workflow ID. */
    OrderWorkflow start(
            WorkflowPath path,
            PaymentMethod method,
            Fulfilment fulfilment,
            OrderPolicy policy,
            Script script,
            String... marketplaces) {
        var order = DevServerOrders.order("capture-" + path.fileName(), method, fulfilment, policy, marketplaces);
        activities.script(order.orderId(), script);
        return DevServerOrders.start(client, order);
    }

    /** Replayed before it is written: a history that does not replay today is never committed. */
    void save(OrderWorkflow workflow, WorkflowPath path) throws IOException {
        var history = client.fetchHistory(
                WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
        try {
            Replays.replay(history);
        } catch (Exception e) {
            throw new AssertionError("the captured " + path.fileName() + " history does not replay", e);
        }
        Files.writeString(dir.resolve(path.fileName() + ".json"), history.toJson(true));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        server.close();
    }
}
