package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.ScriptedActivities.Commit;
import dev.comanda.order.ScriptedActivities.Marketplace;
import dev.comanda.order.ScriptedActivities.Provider;
import dev.comanda.order.ScriptedActivities.Script;
import dev.comanda.order.ScriptedActivities.Stock;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives an order down every {@link WorkflowPath} on a real Temporal dev server, with scripted
 * activities, and writes each history to {@code $comanda.histories.dir/<path>.json} (default
 * {@code target/captured-histories}) for {@link OrderWorkflowReplayTests}. Run on request only:
 *
 * <pre>
 * ./mvnw -B -pl workflows verify -Dworkflows.excludedGroups=none -Dgroups=capture \
 *     -Dcomanda.histories.dir=$PWD/workflows/src/test/resources/histories
 * </pre>
 *
 * Deadlines are seconds, not minutes (short {@link OrderPolicy}), so PIX expiry and the accept deadline
 * happen in real time. Each history is replayed once before it is written.
 */
@Tag("capture")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderHistoryCaptureTests {

    private static final String TENANT = "pizzeria-roma";
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final OrderPolicy PIX_EXPIRES_SOON = new OrderPolicy(SHORT, OrderPolicy.DEFAULT.acceptDeadline());
    private static final OrderPolicy ACCEPT_DEADLINE_SOON =
            new OrderPolicy(OrderPolicy.DEFAULT.reservationTtl(), SHORT);
    private static final List<OrderStatus> DELIVERY = List.of(
            OrderStatus.ACCEPTED,
            OrderStatus.PREPARING,
            OrderStatus.READY,
            OrderStatus.OUT_FOR_DELIVERY,
            OrderStatus.DELIVERED);

    private final ScriptedActivities activities = new ScriptedActivities();
    private final Path dir = Path.of(System.getProperty("comanda.histories.dir", "target/captured-histories"));
    private TemporalDevServer server;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void startServerAndWorkers() throws IOException {
        Files.createDirectories(dir);
        server = TemporalDevServer.start();
        client = server.client();
        workers = WorkerFactory.newInstance(client);
        var orders = workers.newWorker(OrderContract.ORDERS_TASK_QUEUE);
        orders.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        orders.registerActivitiesImplementations(activities.readModel, activities.inventory);
        workers.newWorker(OrderContract.PAYMENTS_TASK_QUEUE).registerActivitiesImplementations(activities.payments);
        workers.newWorker(OrderContract.NOTIFICATIONS_TASK_QUEUE)
                .registerActivitiesImplementations(activities.notifications);
        workers.newWorker(OrderContract.EXTERNAL_SYNC_TASK_QUEUE)
                .registerActivitiesImplementations(activities.externalSync);
        workers.start();
    }

    @AfterAll
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void cardDeliveryCompletes() throws IOException {
        var workflow = start(WorkflowPath.CARD_DELIVERY_COMPLETED, PaymentMethod.CARD, delivery(), "ifood");
        kitchen(workflow, DELIVERY);
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly("SYNCED");
        save(workflow, WorkflowPath.CARD_DELIVERY_COMPLETED);
    }

    @Test
    void cardTakeawayCompletes() throws IOException {
        completes(
                WorkflowPath.CARD_TAKEAWAY_COMPLETED, PaymentMethod.CARD, Fulfilment.takeaway(), OrderStatus.PICKED_UP);
    }

    @Test
    void cardDineInCompletes() throws IOException {
        completes(WorkflowPath.CARD_DINE_IN_COMPLETED, PaymentMethod.CARD, Fulfilment.dineIn("7"), OrderStatus.SERVED);
    }

    @Test
    void cashDeliveryCompletes() throws IOException {
        var workflow = start(WorkflowPath.CASH_DELIVERY_COMPLETED, PaymentMethod.CASH, delivery());
        kitchen(workflow, DELIVERY);
        assertThat(result(workflow).payment().status()).isEqualTo("ON_DELIVERY");
        save(workflow, WorkflowPath.CASH_DELIVERY_COMPLETED);
    }

    @Test
    void pixPaidCompletes() throws IOException {
        var workflow = start(WorkflowPath.PIX_PAID_COMPLETED, PaymentMethod.PIX, Fulfilment.takeaway());
        var pending = awaitPixPending(workflow);
        workflow.pixConfirmed(new PixConfirmation(pending.payment().providerChargeId()));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        kitchen(
                workflow,
                List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP));
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payment().status()).isEqualTo("SUCCEEDED");
        save(workflow, WorkflowPath.PIX_PAID_COMPLETED);
    }

    @Test
    void pixExpires() throws IOException {
        var workflow = start(
                WorkflowPath.PIX_EXPIRED, PaymentMethod.PIX, Fulfilment.takeaway(), PIX_EXPIRES_SOON, Script.HAPPY);
        rejected(workflow, WorkflowPath.PIX_EXPIRED, RejectionReason.PAYMENT_TIMEOUT);
    }

    @Test
    void pixCancelledBeforePayment() throws IOException {
        var workflow = start(WorkflowPath.PIX_CANCELLED_BEFORE_PAYMENT, PaymentMethod.PIX, Fulfilment.takeaway());
        awaitPixPending(workflow);
        cancelled(workflow, WorkflowPath.PIX_CANCELLED_BEFORE_PAYMENT, Actor.CUSTOMER);
    }

    @Test
    void cardDeclined() throws IOException {
        rejected(WorkflowPath.CARD_DECLINED, Script.HAPPY.with(Provider.DECLINES), RejectionReason.PAYMENT_DECLINED);
    }

    @Test
    void outOfStock() throws IOException {
        rejected(WorkflowPath.OUT_OF_STOCK, Script.HAPPY.with(Stock.SHORT), RejectionReason.OUT_OF_STOCK);
    }

    @Test
    void paymentProviderUnavailable() throws IOException {
        rejected(
                WorkflowPath.PAYMENT_PROVIDER_UNAVAILABLE,
                Script.HAPPY.with(Provider.UNAVAILABLE),
                RejectionReason.PAYMENT_UNAVAILABLE);
    }

    @Test
    void reservationExpiredAtCommit() throws IOException {
        rejected(
                WorkflowPath.RESERVATION_EXPIRED_AT_COMMIT,
                Script.HAPPY.with(Commit.RESERVATION_EXPIRED),
                RejectionReason.RESERVATION_EXPIRED);
    }

    @Test
    void internalErrorBeforeConfirmation() throws IOException {
        rejected(
                WorkflowPath.INTERNAL_ERROR_BEFORE_CONFIRMATION,
                Script.HAPPY.with(Commit.INCONSISTENT),
                RejectionReason.INTERNAL_ERROR);
    }

    @Test
    void customerCancels() throws IOException {
        var workflow = start(WorkflowPath.CUSTOMER_CANCEL, PaymentMethod.CARD, delivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        cancelled(workflow, WorkflowPath.CUSTOMER_CANCEL, Actor.CUSTOMER);
    }

    @Test
    void restaurantCancels() throws IOException {
        var workflow = start(WorkflowPath.RESTAURANT_CANCEL, PaymentMethod.CARD, Fulfilment.dineIn("3"));
        kitchen(workflow, List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING));
        cancelled(workflow, WorkflowPath.RESTAURANT_CANCEL, Actor.KITCHEN);
    }

    @Test
    void notAcceptedInTimeIsCancelled() throws IOException {
        var workflow = start(
                WorkflowPath.AUTO_CANCEL_NOT_ACCEPTED,
                PaymentMethod.CARD,
                delivery(),
                ACCEPT_DEADLINE_SOON,
                Script.HAPPY);
        var done = result(workflow);
        assertThat(done.cancellationReason()).isEqualTo(CancellationReason.NOT_ACCEPTED_IN_TIME);
        assertThat(done.payment().status()).isEqualTo("REFUNDED");
        save(workflow, WorkflowPath.AUTO_CANCEL_NOT_ACCEPTED);
    }

    @Test
    void cancelRacingAKitchenMoveEndsCancelled() throws IOException {
        var workflow = start(WorkflowPath.CANCEL_RACING_KITCHEN_MOVE, PaymentMethod.CARD, delivery());
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
        save(workflow, WorkflowPath.CANCEL_RACING_KITCHEN_MOVE);
    }

    @Test
    void marketplaceDownNeverBlocksCompletion() throws IOException {
        var path = WorkflowPath.MARKETPLACE_DOWN_ORDER_COMPLETED_STILL_PUSHING;
        var workflow = start(
                path,
                PaymentMethod.CARD,
                delivery(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Marketplace.DOWN),
                "ifood");
        kitchen(workflow, DELIVERY);
        var completed = awaitStatus(workflow, OrderStatus.COMPLETED);
        assertThat(completed.sync()).extracting(MarketplaceSync::status).containsExactly("SYNCING");
        save(workflow, path);
        WorkflowStub.fromTyped(workflow).terminate("captured while the marketplace push retries");
    }

    @Test
    void marketplaceDownWhenCancelledStopsPushing() throws IOException {
        var path = WorkflowPath.MARKETPLACE_DOWN_ORDER_CANCELLED;
        var workflow = start(
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
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly("CANCELLED");
        save(workflow, path);
    }

    @Test
    void marketplaceNotConfiguredFailsTheSyncNotTheOrder() throws IOException {
        var path = WorkflowPath.MARKETPLACE_NOT_CONFIGURED_ORDER_COMPLETED;
        var workflow = start(
                path,
                PaymentMethod.CARD,
                Fulfilment.takeaway(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Marketplace.NOT_CONFIGURED),
                "rappi");
        kitchen(
                workflow,
                List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP));
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly("FAILED");
        save(workflow, path);
    }

    @Test
    void workflowCancelledByTemporalStillCompensates() throws IOException {
        var workflow = start(WorkflowPath.WORKFLOW_CANCELLED, PaymentMethod.CARD, delivery());
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        WorkflowStub.fromTyped(workflow).cancel();
        assertThatThrownBy(() -> result(workflow)).isInstanceOf(WorkflowFailedException.class);
        assertThat(workflow.state().cancellationReason()).isEqualTo(CancellationReason.WORKFLOW_CANCELLED);
        save(workflow, WorkflowPath.WORKFLOW_CANCELLED);
    }

    private void completes(WorkflowPath path, PaymentMethod method, Fulfilment fulfilment, OrderStatus handOver)
            throws IOException {
        var workflow = start(path, method, fulfilment);
        kitchen(workflow, List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, handOver));
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
        save(workflow, path);
    }

    private void rejected(WorkflowPath path, Script script, RejectionReason reason) throws IOException {
        rejected(start(path, PaymentMethod.CARD, delivery(), OrderPolicy.DEFAULT, script), path, reason);
    }

    private void rejected(OrderWorkflow workflow, WorkflowPath path, RejectionReason reason) throws IOException {
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(reason);
        save(workflow, path);
    }

    private void cancelled(OrderWorkflow workflow, WorkflowPath path, Actor actor) throws IOException {
        var cancelled = workflow.cancel(new CancelRequest(actor, "cancelled by the " + actor));
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(result(workflow).cancellationReason()).isEqualTo(OrderRules.cancellationReason(actor));
        save(workflow, path);
    }

    private static void kitchen(OrderWorkflow workflow, List<OrderStatus> moves) {
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : moves) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }
    }

    private static OrderState awaitPixPending(OrderWorkflow workflow) {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var state = workflow.state();
            if (state != null && "PENDING".equals(state.payment().status())) {
                return state;
            }
            pause();
        }
        throw new AssertionError("the PIX charge never became pending");
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private OrderWorkflow start(
            WorkflowPath path, PaymentMethod method, Fulfilment fulfilment, String... marketplaces) {
        return start(path, method, fulfilment, OrderPolicy.DEFAULT, Script.HAPPY, marketplaces);
    }

    private OrderWorkflow start(
            WorkflowPath path,
            PaymentMethod method,
            Fulfilment fulfilment,
            OrderPolicy policy,
            Script script,
            String... marketplaces) {
        var orderId = OrderContract.orderId(TENANT, "capture-" + path.fileName());
        activities.script(orderId, script);
        var order = new PlaceOrder(
                TENANT,
                orderId,
                Channel.WEB,
                new Customer("Ana Souza", "ana@example.com", "+55 11 99999-0000"),
                List.of(
                        new OrderLine("PIZZA-MARG", "Margherita", 2, new Money(4500, "BRL")),
                        new OrderLine("SODA", "Guaraná", 1, new Money(900, "BRL"))),
                fulfilment,
                new Payment(method, method == PaymentMethod.CARD ? "tok_visa" : null),
                new Money(2 * 4500 + 900, "BRL"),
                List.of(marketplaces),
                policy,
                Instant.now());
        var workflow = client.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderContract.workflowId(TENANT, orderId))
                        .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                        .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                        .build());
        WorkflowClient.start(workflow::place, order);
        return workflow;
    }

    private static Fulfilment delivery() {
        return Fulfilment.delivery(new Address("Rua Augusta", "1500", null, "São Paulo", "01304-001"));
    }

    /** Replayed before it is written: a history that does not replay today is never committed. */
    private void save(OrderWorkflow workflow, WorkflowPath path) throws IOException {
        var history = client.fetchHistory(
                WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
        try {
            WorkflowReplayer.replayWorkflowExecution(history, OrderWorkflowImpl.class);
        } catch (Exception e) {
            throw new AssertionError("the captured " + path.fileName() + " history does not replay", e);
        }
        Files.writeString(dir.resolve(path.fileName() + ".json"), history.toJson(true));
    }
}
