package dev.comanda.order;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.inventory.InventoryActivities.Reservation;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.notification.NotificationActivities;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.Charge;
import dev.comanda.payment.PaymentActivities.Refund;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.sync.ExternalSyncActivities.Pushed;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.mockito.Mockito;

/**
 * An in-memory Temporal service with time skipping, one worker per task queue of the contract, and
 * Mockito mocks for every activity: the tests are about the workflow, the activities' caller.
 */
final class OrderWorkflowFixture implements AutoCloseable {

    static final String TENANT = "pizzeria-roma";
    static final String CHARGE_ID = "ch_test_1";
    private static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(10);
    private static final AtomicInteger ORDERS = new AtomicInteger();

    final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    final WorkflowClient client = env.getWorkflowClient();
    final OrderReadModelActivities readModel =
            mock(OrderReadModelActivities.class, withSettings().withoutAnnotations());
    final InventoryActivities inventory =
            mock(InventoryActivities.class, withSettings().withoutAnnotations());
    final PaymentActivities payments =
            mock(PaymentActivities.class, withSettings().withoutAnnotations());
    final NotificationActivities notifications =
            mock(NotificationActivities.class, withSettings().withoutAnnotations());
    final ExternalSyncActivities externalSync =
            mock(ExternalSyncActivities.class, withSettings().withoutAnnotations());

    OrderWorkflowFixture() {
        // A real server has them registered at start; the test service needs to be told.
        OrderSearchAttributes.names()
                .forEach(name -> env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        // A loaded CI machine can starve a workflow thread for over the default second; a task failed by the
        // deadlock detector is only retried, but it slows and muddles the test, so the detector waits longer.
        var orders = env.newWorker(
                OrderContract.ORDERS_TASK_QUEUE,
                WorkerOptions.newBuilder()
                        .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                        .build());
        orders.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        // Local activities (the read model, inventory and the charge) run on the worker that runs the workflow.
        orders.registerActivitiesImplementations(readModel, inventory, payments);
        env.newWorker(OrderContract.PAYMENTS_TASK_QUEUE).registerActivitiesImplementations(payments);
        env.newWorker(OrderContract.NOTIFICATIONS_TASK_QUEUE).registerActivitiesImplementations(notifications);
        env.newWorker(OrderContract.EXTERNAL_SYNC_TASK_QUEUE).registerActivitiesImplementations(externalSync);
        env.start();
        // Everything succeeds unless a test says otherwise.
        when(inventory.reserve(any()))
                .thenAnswer(call -> new Reservation(
                        call.<InventoryActivities.ReserveStock>getArgument(0).reservationKey(),
                        ReservationStatus.RESERVED,
                        Instant.ofEpochMilli(env.currentTimeMillis()).plus(OrderPolicy.DEFAULT.reservationTtl())));
        when(inventory.release(anyString(), anyString(), anyString())).thenReturn(ReservationStatus.RELEASED);
        when(payments.charge(any())).thenAnswer(call -> {
            PaymentActivities.ChargeRequest request = call.getArgument(0);
            return request.method() == PaymentMethod.PIX
                    ? new Charge(CHARGE_ID, PaymentStatus.PENDING, request.amount(), "00020126pix")
                    : new Charge(CHARGE_ID, PaymentStatus.SUCCEEDED, request.amount(), null);
        });
        when(payments.refund(any())).thenReturn(new Refund("re_test_1", PaymentStatus.REFUNDED, total()));
        when(externalSync.push(any()))
                .thenAnswer(call -> new Pushed(
                        call.<ExternalSyncActivities.Push>getArgument(0).channel(), "mk-1"));
    }

    /**
     * Every progress the workflow wrote to the read model, in order: the first status's, written with the order
     * itself ({@code recordPlacedWithProgress}), and each later one ({@code recordProgress}).
     */
    List<OrderProgress> progressWrites() {
        return Mockito.mockingDetails(readModel).getInvocations().stream()
                .flatMap(call -> Arrays.stream(call.getArguments()))
                .filter(OrderProgress.class::isInstance)
                .map(OrderProgress.class::cast)
                .toList();
    }

    static Money total() {
        return new Money(2 * 4500 + 900, "BRL");
    }

    PlaceOrder order(PaymentMethod method, Fulfilment fulfilment, String... marketplaces) {
        return PlaceOrderBuilder.order(TENANT)
                .key("key-" + ORDERS.incrementAndGet())
                .fulfilment(fulfilment)
                .payment(method)
                .marketplaces(marketplaces)
                .placedAt(Instant.ofEpochMilli(env.currentTimeMillis()))
                .build();
    }

    PlaceOrder cardDelivery(String... marketplaces) {
        return order(
                PaymentMethod.CARD,
                Fulfilment.delivery(new Address("Rua Augusta", "1500", null, "São Paulo", "01304-001")),
                marketplaces);
    }

    OrderWorkflow start(PlaceOrder order) {
        var workflow = client.newWorkflowStub(OrderWorkflow.class, options(order));
        WorkflowClient.start(workflow::place, order);
        return workflow;
    }

    /** Every reservation finds the stock short: a business failure, not retried, with nothing reserved. */
    void stockRunsOut() {
        doThrow(ApplicationFailure.newNonRetryableFailure("PIZZA-MARG short", OrderContract.OUT_OF_STOCK))
                .when(inventory)
                .reserve(any());
    }

    /** Every card is declined; the undo's refund then voids a charge that took nothing. */
    void cardsDeclined() {
        doThrow(ApplicationFailure.newNonRetryableFailure("card_declined", OrderContract.PAYMENT_DECLINED))
                .when(payments)
                .charge(any());
        doReturn(new Refund(null, PaymentStatus.NONE, total())).when(payments).refund(any());
    }

    /** The stub of an order already started. */
    OrderWorkflow stub(PlaceOrder order) {
        return client.newWorkflowStub(OrderWorkflow.class, OrderContract.workflowId(order.tenantId(), order.orderId()));
    }

    /** Starts the order with its outcome update, as the API places orders, and waits for the outcome. */
    OrderState placeAndAwaitOutcome(PlaceOrder order) {
        var workflow = client.newWorkflowStub(OrderWorkflow.class, options(order));
        return WorkflowClient.executeUpdateWithStart(
                workflow::outcome,
                UpdateOptions.<OrderState>newBuilder()
                        .setUpdateId(OrderContract.OUTCOME_UPDATE_ID)
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                        .build(),
                new WithStartWorkflowOperation<>(workflow::place, order));
    }

    private static WorkflowOptions options(PlaceOrder order) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(OrderContract.workflowId(order.tenantId(), order.orderId()))
                .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                .build();
    }

    /**
     * Waits for a status the workflow reaches on its own (no time passes in the test service meanwhile:
     * it only skips time while a client waits for a result). Polls the query with a deadline.
     */
    static OrderState awaitStatus(OrderWorkflow workflow, OrderStatus status) {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        OrderState state;
        do {
            state = workflow.state();
            if (state != null && state.status() == status) {
                return state;
            }
            sleepBriefly();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("order never reached " + status + "; last state " + state);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static OrderState result(OrderWorkflow workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(OrderState.class);
    }

    WorkflowExecutionHistory history(OrderWorkflow workflow) {
        return client.fetchHistory(
                WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    }

    static long count(WorkflowExecutionHistory history, EventType type) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == type)
                .count();
    }

    @Override
    public void close() {
        env.close();
    }
}
