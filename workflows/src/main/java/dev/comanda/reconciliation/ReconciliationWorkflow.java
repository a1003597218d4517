package dev.comanda.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One reconciliation run: compare read model, Temporal and the provider's books, repair, report. */
@WorkflowInterface
public interface ReconciliationWorkflow {

    @WorkflowMethod(name = ReconciliationContract.WORKFLOW_TYPE)
    ReconciliationReport run(ReconciliationPolicy policy);
}
