package dev.comanda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextWorkerInterceptorTests {

    private static final String ORDER_ID = "0123456789abcdef0123456789abcdef";

    private final TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
                    .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                            .setWorkerInterceptors(new LogContextWorkerInterceptor())
                            .build())
                    .build());
    private final Greeting.RecordingActivities activities = new Greeting.RecordingActivities();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void activitiesOfAnOrderWorkflowLogWithItsTenantOrderAndWorkflow() {
        var workflowId = dev.comanda.order.OrderContract.workflowId("demo-pizzeria", ORDER_ID);

        run(workflowId, "order");

        assertThat(activities.mdcByName.get("order"))
                .containsEntry(LogContext.TENANT_ID, "demo-pizzeria")
                .containsEntry(LogContext.ORDER_ID, ORDER_ID)
                .containsEntry(LogContext.WORKFLOW_ID, workflowId)
                .containsEntry(LogContext.ACTIVITY_TYPE, "Compose");
    }

    @Test
    void otherWorkflowsLogWithTheirWorkflowIdOnly() {
        run("nightly-report", "other");

        assertThat(activities.mdcByName.get("other"))
                .containsEntry(LogContext.WORKFLOW_ID, "nightly-report")
                .doesNotContainKeys(LogContext.TENANT_ID, LogContext.ORDER_ID);
    }

    private void run(String workflowId, String name) {
        var worker = env.newWorker(Greeting.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(Greeting.GreetingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
        env.getWorkflowClient()
                .newWorkflowStub(
                        Greeting.GreetingWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(Greeting.TASK_QUEUE)
                                .setWorkflowId(workflowId)
                                .build())
                .greet(name);
    }
}
