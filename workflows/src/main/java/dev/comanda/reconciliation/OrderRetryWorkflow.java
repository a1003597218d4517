package dev.comanda.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One retry an operator asked for on an order that went wrong: re-push it to a marketplace or re-run
 * its refund. Its workflow ID is derived from the operator's idempotency key, so asking twice runs it once.
 */
@WorkflowInterface
public interface OrderRetryWorkflow {

    @WorkflowMethod(name = ReconciliationContract.RETRY_WORKFLOW_TYPE)
    String retry(RetryRequest request);

    /** {@code channel} only for {@link Kind#MARKETPLACE_PUSH}. */
    record RetryRequest(Kind kind, String tenantId, String orderId, String channel) {}

    enum Kind {
        MARKETPLACE_PUSH,
        REFUND
    }
}
