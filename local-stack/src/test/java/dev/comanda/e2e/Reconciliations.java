package dev.comanda.e2e;

import dev.comanda.order.OrderContract;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationPolicy;
import dev.comanda.reconciliation.ReconciliationReport;
import dev.comanda.reconciliation.ReconciliationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Duration;
import java.util.UUID;

/**
 * The Temporal side of the reconciliation tests, through the stack's own client: lose an order's
 * workflow (terminate or delete it, as an operator or a wiped server would) and run the next
 * reconciliation now, with the policy the workers put on the schedule.
 */
final class Reconciliations {

    private final WorkflowClient client;

    Reconciliations(E2eStack stack) {
        this.client = stack.comanda().workers().getBean(WorkflowClient.class);
    }

    WorkflowClient client() {
        return client;
    }

    void terminate(String tenantId, String orderId) {
        client.newUntypedWorkflowStub(OrderContract.workflowId(tenantId, orderId))
                .terminate("e2e: the workflow is lost");
    }

    void delete(String tenantId, String orderId) {
        client.getWorkflowServiceStubs()
                .blockingStub()
                .deleteWorkflowExecution(DeleteWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setWorkflowExecution(WorkflowExecution.newBuilder()
                                .setWorkflowId(OrderContract.workflowId(tenantId, orderId)))
                        .build());
    }

    /** The policy on the schedule the workers created at start: what every scheduled run gets. */
    ReconciliationPolicy scheduledPolicy() {
        var schedules = ScheduleClient.newInstance(
                client.getWorkflowServiceStubs(),
                ScheduleClientOptions.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setDataConverter(client.getOptions().getDataConverter())
                        .build());
        var action = (ScheduleActionStartWorkflow) schedules
                .getHandle(ReconciliationContract.SCHEDULE_ID)
                .describe()
                .getSchedule()
                .getAction();
        return action.getArguments().get(0, ReconciliationPolicy.class);
    }

    /**
     * One run, as the schedule would start it, to its end. It first waits out the policy's grace, so
     * everything that changed before the call is old enough to be a suspect.
     */
    ReconciliationReport runNow() {
        var policy = scheduledPolicy();
        try {
            Thread.sleep(policy.grace().plusMillis(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var workflow = client.newWorkflowStub(
                ReconciliationWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(ReconciliationContract.WORKFLOW_ID_PREFIX + "-e2e-" + UUID.randomUUID())
                        .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(5))
                        .build());
        return workflow.run(policy);
    }
}
