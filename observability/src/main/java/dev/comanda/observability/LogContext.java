package dev.comanda.observability;

import dev.comanda.order.OrderContract;
import org.slf4j.MDC;

/**
 * The MDC keys that tie a log line to an order: {@value #TENANT_ID}, {@value #ORDER_ID} and
 * {@value #WORKFLOW_ID}. Structured (JSON) logs carry every MDC entry as a field, so these are what
 * to search by; they are never metric labels.
 */
public final class LogContext {

    public static final String TENANT_ID = "tenant_id";
    public static final String ORDER_ID = "order_id";
    public static final String WORKFLOW_ID = "workflow_id";
    public static final String ACTIVITY_TYPE = "activity_type";

    private static final int ORDER_ID_LENGTH = 32;
    private static final String SAMPLE_TAIL = "t-" + "0".repeat(ORDER_ID_LENGTH);
    // The contract keeps its prefix private; taken from an ID it builds so the two cannot drift apart.
    private static final String ORDER_WORKFLOW_PREFIX =
            OrderContract.workflowId("t", "0".repeat(ORDER_ID_LENGTH)).replace(SAMPLE_TAIL, "");

    private LogContext() {}

    /** Puts the workflow ID and, for an order workflow ({@code order-<tenant>-<order>}), its tenant and order. */
    public static void putWorkflow(String workflowId) {
        if (workflowId == null) {
            return;
        }
        MDC.put(WORKFLOW_ID, workflowId);
        var tail = workflowId.length() - ORDER_ID_LENGTH - 1;
        if (workflowId.startsWith(ORDER_WORKFLOW_PREFIX) && tail > ORDER_WORKFLOW_PREFIX.length()) {
            var tenantId = workflowId.substring(ORDER_WORKFLOW_PREFIX.length(), tail);
            var orderId = workflowId.substring(tail + 1);
            if (OrderContract.isTenantId(tenantId) && OrderContract.isOrderId(orderId)) {
                MDC.put(TENANT_ID, tenantId);
                MDC.put(ORDER_ID, orderId);
            }
        }
    }

    /** Puts the tenant and order of an API request, and the order's workflow ID when both are known. */
    public static void putOrder(String tenantId, String orderId) {
        if (OrderContract.isTenantId(tenantId)) {
            MDC.put(TENANT_ID, tenantId);
            if (OrderContract.isOrderId(orderId)) {
                MDC.put(ORDER_ID, orderId);
                MDC.put(WORKFLOW_ID, OrderContract.workflowId(tenantId, orderId));
            }
        }
    }

    public static void clear() {
        MDC.remove(TENANT_ID);
        MDC.remove(ORDER_ID);
        MDC.remove(WORKFLOW_ID);
        MDC.remove(ACTIVITY_TYPE);
    }
}
