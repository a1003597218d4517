package dev.comanda.api.ops;

import dev.comanda.api.error.ApiException;
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
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the ops queue asks of Temporal: failed order workflows from visibility (search attributes),
 * one workflow's status, a reset to the last good workflow task, and retries run as OrderRetry
 * workflows whose IDs come from the operator's idempotency key.
 */
@Component
class OpsWorkflows {

    /** How long a retry request waits for its workflow before answering that it is still running. */
    static final Duration RETRY_WAIT = Duration.ofSeconds(10);

    private final WorkflowClient client;

    OpsWorkflows(WorkflowClient client) {
        this.client = client;
    }

    /** Failed order workflows of {@code tenantId} (null: every tenant), at most {@code limit}. */
    List<QueueEntry> failedOrders(String tenantId, int limit) {
        var query = "WorkflowType = '" + OrderContract.WORKFLOW_TYPE + "' AND ExecutionStatus = 'Failed'"
                + (tenantId == null ? "" : " AND " + OrderSearchAttributes.TENANT.getName() + " = '" + tenantId + "'");
        return client.listExecutions(query)
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
                .toList();
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
        var history = client.fetchHistory(workflowId).getHistory().getEventsList();
        var lastGood = history.stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .mapToLong(io.temporal.api.history.v1.HistoryEvent::getEventId)
                .max()
                .orElseThrow(
                        () -> new ApiException(HttpStatus.CONFLICT, "the workflow never completed a workflow task"));
        var reply = client.getWorkflowServiceStubs()
                .blockingStub()
                .resetWorkflowExecution(ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setWorkflowTaskFinishEventId(lastGood)
                        .setReason("ops: " + note)
                        .setRequestId(UUID.nameUUIDFromBytes(scopedKey.getBytes(StandardCharsets.UTF_8))
                                .toString())
                        .build());
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
        try {
            WorkflowClient.start(client.newWorkflowStub(OrderRetryWorkflow.class, options)::retry, request);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Closed already: the first request ran it; its result is the answer.
        }
        try {
            return client.newUntypedWorkflowStub(workflowId)
                    .getResult(RETRY_WAIT.toSeconds(), TimeUnit.SECONDS, String.class);
        } catch (WorkflowFailedException e) {
            return "FAILED: " + rootMessage(e);
        } catch (TimeoutException e) {
            return "STARTED: still running as " + workflowId;
        }
    }

    private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(String workflowId) {
        return client.getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
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
