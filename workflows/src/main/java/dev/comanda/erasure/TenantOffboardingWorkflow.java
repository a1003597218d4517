package dev.comanda.erasure;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.order.OrderContract;
import dev.comanda.reconciliation.ReconciliationContract;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A restaurant's offboarding (docs/personal-data.md), the workers' part: once the API has closed the
 * tenant (its callers refused, its credentials revoked) and no instance can still let an order in, wait
 * for the orders that are still running to end, then erase every customer of the tenant as {@link
 * CustomerErasureWorkflow} erases one, and delete the data keys of every workflow of the tenant, so none
 * of its histories decodes again. Orders, payments and stock stay, for the books. One per tenant: its
 * workflow ID is {@link #workflowId}.
 */
@WorkflowInterface
public interface TenantOffboardingWorkflow {

    String WORKFLOW_TYPE = "TenantOffboarding";
    String WORKFLOW_ID_PREFIX = "offboarding-";
    String TASK_QUEUE = ReconciliationContract.TASK_QUEUE;

    /** {@code offboarding-<tenant>}: asking twice joins (or answers) the same offboarding. */
    static String workflowId(String tenantId) {
        if (!OrderContract.isTenantId(tenantId)) {
            throw new IllegalArgumentException("not a tenant ID: " + tenantId);
        }
        return WORKFLOW_ID_PREFIX + tenantId;
    }

    /**
     * What the IDs of the tenant's workflows start with — its orders, its customers' erasures, its ops
     * retries — each followed by hex only, which tells them from a tenant whose ID merely starts the same.
     */
    static List<String> workflowIdPrefixes(String tenantId) {
        return List.of(
                OrderContract.workflowIdPrefix(tenantId),
                CustomerErasureWorkflow.workflowId(tenantId, ""),
                ReconciliationContract.RETRY_WORKFLOW_ID_PREFIX + tenantId + '-');
    }

    /**
     * Whether {@code workflowId} is one of the tenant's workflows: {@code order-<t>-<order>}, {@code
     * erasure-<t>-<hash>} or {@code ops-retry-<t>-<order>-<hash>} (this offboarding's own is not: it names
     * no customer, and its answer is read again when the operator asks twice).
     */
    static boolean isWorkflowOf(String tenantId, String workflowId) {
        var prefixes = workflowIdPrefixes(tenantId);
        var hex32 = "[a-f0-9]{32}";
        return Pattern.matches(Pattern.quote(prefixes.get(0)) + hex32, workflowId)
                || Pattern.matches(Pattern.quote(prefixes.get(1)) + hex32, workflowId)
                || Pattern.matches(Pattern.quote(prefixes.get(2)) + hex32 + "-[a-f0-9]+", workflowId);
    }

    @WorkflowMethod(name = WORKFLOW_TYPE)
    Offboarded offboard(Offboarding request);

    /**
     * The tenant the API has closed, who asked, and how long after the close an API instance may still
     * take a request of the tenant (its caches of tenants and tokens, and a placement under way).
     */
    record Offboarding(String tenantId, String requestedBy, Duration drain) {}

    /** What the erasure of the tenant's customers anonymized and deleted. */
    record Offboarded(String tenantId, Erased erased) {}
}
