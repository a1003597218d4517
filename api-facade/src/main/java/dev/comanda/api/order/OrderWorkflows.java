package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.Unavailable;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.order.CancelRequest;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.order.PixConfirmation;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TransitionRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.Priority;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.worker.WorkflowExecutionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The facade's only door to Temporal: start, signal, update, query and read history of order workflows,
 * with Temporal's errors mapped to HTTP. The tenant is part of every workflow ID, so a caller can only
 * ever reach its own tenant's workflows.
 */
@Component
public class OrderWorkflows {

    /**
     * The type a validator's rejection carries in SDK 1.38.0; see {@link #isRefusal}. Named by the SDK's
     * class rather than a string, so an SDK that renames or drops the wrapper fails the build here.
     */
    private static final String VALIDATOR_REJECTION_TYPE = WorkflowExecutionException.class.getName();

    private final WorkflowClient client;
    private final ApiProperties properties;
    private final TemporalCalls calls;

    OrderWorkflows(WorkflowClient client, ApiProperties properties, TemporalCalls calls) {
        this.client = client;
        this.properties = properties;
        this.calls = calls;
    }

    /**
     * Starts the order's workflow, or finds the one its ID already names: a repeated Idempotency-Key
     * never makes a second order, even when the response cache has forgotten the key.
     */
    public void start(PlaceOrder order) {
        var workflow = client.newWorkflowStub(OrderWorkflow.class, startOptions(order));
        try {
            within(properties.temporalTimeout(), () -> WorkflowClient.start(workflow::place, order));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Closed already (REJECT_DUPLICATE): the order exists and has ended; the key stays used.
        }
    }

    /**
     * Starts the order's workflow together with its outcome update (update-with-start, one request) and waits
     * up to {@code comanda.api.placement-wait} for the outcome: CONFIRMED or REJECTED, or a PIX charge whose
     * code the customer pays. A retried placement attaches to the same update ({@link
     * OrderContract#OUTCOME_UPDATE_ID}) and gets the same outcome.
     *
     * @return empty when the order had no outcome in time (its workflow is then made sure of with a plain
     *     start, which finds the running one) or had ended long ago: the placement answers what it knows
     */
    Optional<OrderState> startAndAwaitOutcome(PlaceOrder order) {
        if (properties.placementWait().isZero()) {
            start(order);
            return Optional.empty();
        }
        var workflow = client.newWorkflowStub(OrderWorkflow.class, startOptions(order));
        var outcome = UpdateOptions.<OrderState>newBuilder()
                .setUpdateId(OrderContract.OUTCOME_UPDATE_ID)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build();
        try {
            return Optional.of(within(
                    properties.placementWait(),
                    () -> WorkflowClient.executeUpdateWithStart(
                            workflow::outcome, outcome, new WithStartWorkflowOperation<>(workflow::place, order))));
        } catch (RuntimeException e) {
            if (closedAlready(e)) {
                return Optional.empty();
            }
            // Not in time (a slow provider, busy workers, none polling) or not at all: a plain start makes
            // sure the order runs — and answers 503 itself when Temporal is out of reach.
            start(order);
            return Optional.empty();
        }
    }

    /**
     * One workflow per order ID, never two; the tenant is the fairness key of every task of the order, so one
     * restaurant's rush does not queue ahead of another's orders.
     */
    private static WorkflowOptions startOptions(PlaceOrder order) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(OrderContract.workflowId(order.tenantId(), order.orderId()))
                .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setPriority(
                        Priority.newBuilder().setFairnessKey(order.tenantId()).build())
                // Searchable in Temporal UI from the first moment; the workflow keeps the status current.
                .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                .build();
    }

    /** The ID names a workflow that has closed (REJECT_DUPLICATE): the order exists and has ended. */
    private static boolean closedAlready(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkflowExecutionAlreadyStarted
                    || (cause instanceof StatusRuntimeException status
                            && status.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The live state, or empty when no workflow exists for the ID.
     *
     * @throws ApiException 503 when the workflow cannot answer now (no worker polls its queue, say)
     */
    Optional<OrderState> state(String tenantId, String orderId) {
        var workflow = stub(tenantId, orderId);
        try {
            return Optional.ofNullable(within(properties.queryTimeout(), workflow::state));
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        } catch (WorkflowQueryException | WorkflowServiceException | StatusRuntimeException e) {
            throw ApiException.unavailable(
                    Unavailable.Dependency.TEMPORAL, "the order's workflow did not answer; try again");
        }
    }

    OrderState transition(String tenantId, String orderId, TransitionRequest request) {
        return update(tenantId, orderId, workflow -> workflow.transition(request));
    }

    OrderState cancel(String tenantId, String orderId, CancelRequest request) {
        return update(tenantId, orderId, workflow -> workflow.cancel(request));
    }

    /** Relays the payment provider's PIX confirmation; false when the order's workflow has ended. */
    public boolean confirmPix(String tenantId, String orderId, String providerChargeId) {
        try {
            var workflow = stub(tenantId, orderId);
            within(properties.temporalTimeout(), () -> {
                workflow.pixConfirmed(new PixConfirmation(providerChargeId));
                return null;
            });
            return true;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    /**
     * The workflow's event history as Temporal's JSON, the same format Temporal UI downloads, each payload
     * passed through {@code payloads} (decrypted for a caller who may read it, else left encrypted).
     */
    String historyJson(String tenantId, String orderId, UnaryOperator<Payload> payloads) {
        try {
            var workflowId = OrderContract.workflowId(tenantId, orderId);
            var history = within(properties.temporalTimeout(), () -> client.fetchHistory(workflowId));
            return new WorkflowExecutionHistory(
                            dev.comanda.codec.Payloads.map(history.getHistory(), payloads), workflowId)
                    .toJson(true);
        } catch (WorkflowNotFoundException e) {
            throw ApiException.notFound("order");
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw ApiException.notFound("order");
            }
            throw e;
        }
    }

    private OrderState update(String tenantId, String orderId, Function<OrderWorkflow, OrderState> call) {
        var workflow = stub(tenantId, orderId);
        try {
            return within(properties.updateTimeout(), () -> call.apply(workflow));
        } catch (WorkflowUpdateException e) {
            if (e.getCause() instanceof ApplicationFailure failure && isRefusal(failure)) {
                throw ApiException.illegalTransition(failure.getOriginalMessage());
            }
            throw e;
        } catch (WorkflowNotFoundException e) {
            // Ended, or never placed in the caller's tenant: only the first may be told apart from 404.
            if (!exists(tenantId, orderId)) {
                throw ApiException.notFound("order");
            }
            throw ApiException.illegalTransition("the order has already ended");
        } catch (WorkflowServiceException e) {
            // The server took the update while the workflow's task was failing (a worker lost mid-task,
            // the server itself restarting): the task is retried, and so may the client be.
            if (e.getCause() instanceof StatusRuntimeException status
                    && status.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                throw ApiException.unavailable(
                        Unavailable.Dependency.TEMPORAL, "the order's workflow is recovering; try again");
            }
            throw e;
        }
    }

    /** Whether the caller's tenant has a workflow, running or closed, for the order. */
    private boolean exists(String tenantId, String orderId) {
        try {
            var workflow = client.newUntypedWorkflowStub(OrderContract.workflowId(tenantId, orderId));
            within(properties.temporalTimeout(), workflow::describe);
            return true;
        } catch (WorkflowNotFoundException e) {
            return false;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The workflow refused the move or cancellation. The update handler's own check arrives with its type;
     * a rejection by the update's validator arrives, in SDK 1.38.0, serialized twice with the type
     * of the SDK's wrapper instead of ours (sdk-java#2875, fixed upstream by PR #3001). Only validators
     * produce that wrapper, and ours only ever refuse with ILLEGAL_TRANSITION.
     */
    private static boolean isRefusal(ApplicationFailure failure) {
        return OrderContract.ILLEGAL_TRANSITION.equals(failure.getType())
                || VALIDATOR_REJECTION_TYPE.equals(failure.getType());
    }

    /**
     * Runs a call to Temporal under a gRPC deadline. The SDK retries an unreachable service for about a
     * minute and waits on an update as long as no worker takes it; the context's deadline, which its
     * retryer and each RPC honour, bounds all attempts together. What then fails leaves through
     * ApiExceptionHandler as a 503 naming Temporal.
     */
    private <T> T within(Duration bound, Callable<T> call) {
        return calls.within(bound, call);
    }

    private OrderWorkflow stub(String tenantId, String orderId) {
        if (!OrderContract.isOrderId(orderId)) {
            throw ApiException.notFound("order");
        }
        return client.newWorkflowStub(OrderWorkflow.class, OrderContract.workflowId(tenantId, orderId));
    }
}
