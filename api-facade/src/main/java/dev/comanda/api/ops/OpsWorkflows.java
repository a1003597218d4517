package dev.comanda.api.ops;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.persistence.ops.QueueEntry;
import dev.comanda.persistence.ops.QueueReason;
import dev.comanda.reconciliation.OrderRetryWorkflow;
import dev.comanda.reconciliation.OrderRetryWorkflow.RetryRequest;
import dev.comanda.reconciliation.ReconciliationContract;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the ops queue asks of Temporal: failed order workflows from visibility (search attributes),
 * one workflow's status, a reset to the last good workflow task, and retries run as OrderRetry
 * workflows whose IDs come from the operator's idempotency key. Every call is bounded by {@link TemporalCalls}
 * (the API's Temporal timeout; a retry's wait for its outcome by {@link #RETRY_WAIT}): an operator's request
 * to a stalled Temporal answers 503 with Retry-After instead of waiting out the SDK's own retries.
 */
@Component
class OpsWorkflows {

    /** How long a retry request waits for its workflow before answering that it is still running. */
    static final Duration RETRY_WAIT = Duration.ofSeconds(10);

    private final WorkflowClient client;
    private final TemporalCalls calls;
    private final Duration bound;

    OpsWorkflows(WorkflowClient client, TemporalCalls calls, ApiProperties properties) {
        this.client = client;
        this.calls = calls;
        this.bound = properties.temporalTimeout();
    }

    /** Failed order workflows of {@code tenantId} (null: every tenant), at most {@code limit}. */
    List<QueueEntry> failedOrders(String tenantId, int limit) {
        var query = "WorkflowType = '" + OrderContract.WORKFLOW_TYPE + "' AND ExecutionStatus = 'Failed'"
                + (tenantId == null ? "" : " AND " + OrderSearchAttributes.TENANT.getName() + " = '" + tenantId + "'");
        // The stream pages through visibility as it is read: it is read to the end within the bound.
        return calls.within(
                bound,
                () -> client.listExecutions(query)
                        .limit(limit)
                        .map(execution -> {
                            var attributes = execution.getTypedSearchAttributes();
                            var workflowId = execution.getExecution().getWorkflowId();
                            return new QueueEntry(
                                    attributes.get(OrderSearchAttributes.TENANT),
                                    workflowId.substring(workflowId.lastIndexOf('-') + 1),
                                    QueueReason.WORKFLOW_FAILED,
                                    attributes.get(OrderSearchAttributes.STATUS),
                                    null,
                                    execution.getCloseTime(),
                                    "workflow failed: retry with RESET");
                        })
                        .toList());
    }

    /** RUNNING, FAILED, TERMINATED, ... of the order's workflow; empty when Temporal does not know it. */
    Optional<String> status(String tenantId, String orderId) {
        try {
            var status = describe(OrderContract.workflowId(tenantId, orderId))
                    .getWorkflowExecutionInfo()
                    .getStatus();
            return Optional.of(status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Resets a FAILED order workflow to its last completed workflow task, under a request ID derived from
     * the operator's key (Temporal answers a repeat with the same new run). 409 unless it failed.
     */
    String reset(String tenantId, String orderId, String scopedKey, String note) {
        var workflowId = OrderContract.workflowId(tenantId, orderId);
        var status = status(tenantId, orderId).orElse("MISSING");
        if (!"FAILED".equals(status)) {
            throw new ApiException(HttpStatus.CONFLICT, "only a FAILED workflow can be reset; this one is " + status);
        }
        var history = calls.within(bound, () -> client.fetchHistory(workflowId))
                .getHistory()
                .getEventsList();
        var lastGood = history.stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .mapToLong(io.temporal.api.history.v1.HistoryEvent::getEventId)
                .max()
                .orElseThrow(
                        () -> new ApiException(HttpStatus.CONFLICT, "the workflow never completed a workflow task"));
        var request = ResetWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .setWorkflowTaskFinishEventId(lastGood)
                .setReason("ops: " + note)
                .setRequestId(UUID.nameUUIDFromBytes(scopedKey.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .build();
        var reply = calls.within(
                bound, () -> client.getWorkflowServiceStubs().blockingStub().resetWorkflowExecution(request));
        return "reset to event " + lastGood + ", new run " + reply.getRunId();
    }

    /**
     * Runs (or rejoins) the retry whose workflow ID the key names and waits for its outcome. A retry
     * that ran and failed answers its failure; one still running after {@link #RETRY_WAIT} says so.
     */
    String retry(RetryRequest request, String scopedKey) {
        var workflowId = ReconciliationContract.RETRY_WORKFLOW_ID_PREFIX
                + request.tenantId()
                + '-'
                + request.orderId()
                + '-'
                + hash(scopedKey);
        var options = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                .build();
        // Running or closed already (the first request ran it): its result is the answer.
        calls.startOrJoin(bound, client.newWorkflowStub(OrderRetryWorkflow.class, options)::retry, request);
        try {
            return calls.awaitResult(RETRY_WAIT, client.newUntypedWorkflowStub(workflowId), String.class)
                    .orElse("STARTED: still running as " + workflowId);
        } catch (WorkflowFailedException e) {
            return "FAILED: " + rootMessage(e);
        }
    }

    private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(String workflowId) {
        var request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build();
        return calls.within(
                bound, () -> client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(request));
    }

    private static String hash(String key) {
        try {
            var digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
