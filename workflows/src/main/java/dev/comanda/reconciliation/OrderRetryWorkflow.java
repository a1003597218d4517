package dev.comanda.reconciliation;

import dev.comanda.notification.NotificationActivities.NotificationKind;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One retry an operator asked for on an order that went wrong: re-push it to a marketplace, re-run its
 * refund, or send a notification that gave up again. Its workflow ID is derived from the operator's
 * idempotency key, so asking twice runs it once.
 */
@WorkflowInterface
public interface OrderRetryWorkflow {

    @WorkflowMethod(name = ReconciliationContract.RETRY_WORKFLOW_TYPE)
    String retry(RetryRequest request);

    /**
     * {@code channel} only for {@link Kind#MARKETPLACE_PUSH}, {@code notification} only for {@link
     * Kind#NOTIFICATION} (absent from the requests of builds before it: null).
     */
    record RetryRequest(Kind kind, String tenantId, String orderId, String channel, NotificationKind notification) {

        public RetryRequest(Kind kind, String tenantId, String orderId, String channel) {
            this(kind, tenantId, orderId, channel, null);
        }
    }

    enum Kind {
        MARKETPLACE_PUSH,
        REFUND,
        /** The order's notification of a kind, given up after its hour of retries, queued once more. */
        NOTIFICATION
    }
}
