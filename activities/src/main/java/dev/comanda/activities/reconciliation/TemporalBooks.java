package dev.comanda.activities.reconciliation;

import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.order.PlaceOrder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What Temporal knows of order workflows: visibility to narrow a page of suspects down cheaply, and
 * describe to be sure. Visibility lags and may miss a workflow that is in fact running, so nothing is
 * repaired on its word alone: an order is lost only when describe says its workflow is missing or closed.
 */
@Component
class TemporalBooks {

    /** What {@link #state} answers for a workflow ID Temporal has never heard of (or forgot). */
    static final String MISSING = "MISSING";

    static final String RUNNING = "RUNNING";

    static final String FAILED = "FAILED";

    private final WorkflowClient client;

    TemporalBooks(WorkflowClient client) {
        this.client = client;
    }

    /** The IDs among {@code workflowIds} that visibility lists as running order workflows. */
    Set<String> listedAsRunning(Collection<String> workflowIds) {
        if (workflowIds.isEmpty()) {
            return Set.of();
        }
        var ids = workflowIds.stream().map(TemporalBooks::quoted).collect(Collectors.joining(", "));
        var query = "WorkflowType = '" + OrderContract.WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running'"
                + " AND WorkflowId IN (" + ids + ")";
        return client.listExecutions(query)
                .map(execution -> execution.getExecution().getWorkflowId())
                .collect(Collectors.toSet());
    }

    /** RUNNING, MISSING, or the closed status (COMPLETED, FAILED, TERMINATED, ...) of the workflow's latest run. */
    String state(String workflowId) {
        var request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build();
        try {
            var status = client.getWorkflowServiceStubs()
                    .blockingStub()
                    .describeWorkflowExecution(request)
                    .getWorkflowExecutionInfo()
                    .getStatus();
            return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                    ? RUNNING
                    : status.name().substring("WORKFLOW_EXECUTION_STATUS_".length());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return MISSING;
            }
            throw e;
        }
    }

    /** Order workflows running since between {@code from} and {@code to}, at most {@code limit}. */
    List<String> runningOrderWorkflows(Instant from, Instant to, int limit) {
        var query = "WorkflowType = '" + OrderContract.WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running'"
                + " AND StartTime > '" + from + "' AND StartTime < '" + to + "'";
        return client.listExecutions(query)
                .limit(limit)
                .map(WorkflowExecutionMetadata::getExecution)
                .map(WorkflowExecution::getWorkflowId)
                .toList();
    }

    /**
     * Starts an order's workflow from its placement, with the options the API starts it with (the
     * workflow ID names the order; a running one is joined, a closed one never restarted). True when the
     * order's workflow runs now; false when it had closed.
     */
    boolean startOrder(PlaceOrder order) {
        var options = WorkflowOptions.newBuilder()
                .setWorkflowId(OrderContract.workflowId(order.tenantId(), order.orderId()))
                .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                .build();
        try {
            WorkflowClient.start(client.newWorkflowStub(OrderWorkflow.class, options)::place, order);
            return true;
        } catch (WorkflowExecutionAlreadyStarted e) {
            return false;
        }
    }

    private static String quoted(String workflowId) {
        // Workflow IDs of orders are slugs and hex (OrderContract.workflowId): no quote can occur.
        if (workflowId.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("not an order workflow ID: " + workflowId);
        }
        return '\'' + workflowId + '\'';
    }
}
