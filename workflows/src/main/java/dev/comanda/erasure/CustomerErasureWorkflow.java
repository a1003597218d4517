package dev.comanda.erasure;

import dev.comanda.reconciliation.ReconciliationContract;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Erases one customer's personal data (docs/personal-data.md): the workers anonymize what they own of
 * the orders — read model and timeline, notification records, charge requests — then the data keys of
 * those orders' workflows are deleted, so their histories no longer decode. Runs on the reconciliation
 * queue; the API erases what it owns itself and starts this only when every one of the orders is terminal.
 */
@WorkflowInterface
public interface CustomerErasureWorkflow {

    String WORKFLOW_TYPE = "CustomerErasure";
    String WORKFLOW_ID_PREFIX = "erasure-";
    String TASK_QUEUE = ReconciliationContract.TASK_QUEUE;

    @WorkflowMethod(name = WORKFLOW_TYPE)
    Erased erase(Erasure request);

    /** The customer's orders (their IDs, all terminal) in one tenant, and who asked. */
    record Erasure(String tenantId, List<String> orderIds, String requestedBy) {}

    /**
     * What was anonymized or deleted: order rows, e-mail notifications (with the outbox's rows of the
     * orders), charge requests (their receipt e-mail) and data keys.
     */
    record Erased(int orders, int notifications, int payments, int dataKeys) {}

    /** {@code erasure-<tenant>-<subject>}; the subject is a hash of the e-mail, never the e-mail itself. */
    static String workflowId(String tenantId, String subject) {
        return WORKFLOW_ID_PREFIX + tenantId + '-' + subject;
    }
}
