package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;

import dev.comanda.testing.TemporalDevServer;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.Priority;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;

/** Orders and workers on a {@link TemporalDevServer}, for the tests that drive the real server. */
final class DevServerOrders {

    static final String TENANT = "pizzeria-roma";
    private static final Duration STATE_DEADLINE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);

    private DevServerOrders() {}

    /** A worker per task queue of the contract, as the workers app runs them, with {@code activities}. */
    static WorkerFactory startWorkers(WorkflowClient client, ScriptedActivities activities, WorkerOptions options) {
        return startWorkers(client, activities, options, WorkerFactoryOptions.getDefaultInstance());
    }

    /** The same, with the factory's own options (its interceptors, its workflow cache). */
    static WorkerFactory startWorkers(
            WorkflowClient client,
            ScriptedActivities activities,
            WorkerOptions options,
            WorkerFactoryOptions factoryOptions) {
        var factory = WorkerFactory.newInstance(client, factoryOptions);
        var orders = factory.newWorker(OrderContract.ORDERS_TASK_QUEUE, options);
        orders.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        // Local activities run on the worker that runs the workflow.
        orders.registerActivitiesImplementations(activities.readModel, activities.inventory, activities.payments);
        factory.newWorker(OrderContract.PAYMENTS_TASK_QUEUE, options)
                .registerActivitiesImplementations(activities.payments);
        factory.newWorker(OrderContract.NOTIFICATIONS_TASK_QUEUE, options)
                .registerActivitiesImplementations(activities.notifications);
        factory.newWorker(OrderContract.EXTERNAL_SYNC_TASK_QUEUE, options)
                .registerActivitiesImplementations(activities.externalSync);
        factory.start();
        return factory;
    }

    /** Two pizzas and a soda; the order ID is derived from {@code key}, so each run gives the same IDs. */
    static PlaceOrder order(
            String key, PaymentMethod method, Fulfilment fulfilment, OrderPolicy policy, String... marketplaces) {
        return PlaceOrderBuilder.order(TENANT)
                .key(key)
                .fulfilment(fulfilment)
                .payment(method)
                .policy(policy)
                .marketplaces(marketplaces)
                .build();
    }

    /**
     * Starts the workflow as the API does: ID from the contract, the tenant as fairness key, search attributes
     * set at start, and the outcome update sent with the start (its events are part of every history).
     */
    static OrderWorkflow start(WorkflowClient client, PlaceOrder order) {
        var workflow = client.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderContract.workflowId(order.tenantId(), order.orderId()))
                        .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                        .setPriority(Priority.newBuilder()
                                .setFairnessKey(order.tenantId())
                                .build())
                        .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                        .build());
        WorkflowClient.startUpdateWithStart(
                workflow::outcome,
                UpdateOptions.<OrderState>newBuilder()
                        .setUpdateId(OrderContract.OUTCOME_UPDATE_ID)
                        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                        .build(),
                new WithStartWorkflowOperation<>(workflow::place, order));
        return workflow;
    }

    static Fulfilment delivery() {
        return Fulfilment.delivery(new Address("Rua Augusta", "1500", null, "São Paulo", "01304-001"));
    }

    /** Waits for CONFIRMED, then makes each kitchen move in turn (each update returns once applied). */
    static void kitchen(OrderWorkflow workflow, List<OrderStatus> moves) {
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : moves) {
            workflow.transition(new TransitionRequest(next, Actor.KITCHEN));
        }
    }

    /** Polls the query until the PIX charge is pending, with a deadline. */
    static OrderState awaitPixPending(OrderWorkflow workflow) {
        var deadline = System.nanoTime() + STATE_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            var state = workflow.state();
            if (state != null && state.payment().status() == PaymentStatus.PENDING) {
                return state;
            }
            pause(POLL);
        }
        throw new AssertionError("the PIX charge never became pending");
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
