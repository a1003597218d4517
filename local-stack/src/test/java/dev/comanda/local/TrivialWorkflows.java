package dev.comanda.local;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A tiny workflow of N sequential activities, and a runner that executes many of them and checks each. */
final class TrivialWorkflows {

    static final String NAMESPACE = "default";
    private static final String TASK_QUEUE = "trivial";

    @WorkflowInterface
    public interface StepsWorkflow {
        @WorkflowMethod
        String run(String input, int steps);
    }

    @ActivityInterface
    public interface StepActivities {
        String step(String value);
    }

    public static final class StepsWorkflowImpl implements StepsWorkflow {
        private final StepActivities activities = Workflow.newActivityStub(
                StepActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                        .build());

        @Override
        public String run(String input, int steps) {
            var value = input;
            for (int i = 0; i < steps; i++) {
                value = activities.step(value);
            }
            return value;
        }
    }

    static final class StepActivitiesImpl implements StepActivities {
        @Override
        public String step(String value) {
            return value + '+';
        }
    }

    private TrivialWorkflows() {}

    /** Runs {@code count} workflows of {@code steps} activities at once; returns the elapsed time. */
    static Duration run(String address, int count, int steps) {
        var stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        var client = WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
        var factory = WorkerFactory.newInstance(client);
        var worker = factory.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(StepsWorkflowImpl.class);
        worker.registerActivitiesImplementations(new StepActivitiesImpl());
        factory.start();
        try {
            long begin = System.nanoTime();
            var results = new ArrayList<CompletableFuture<String>>(count);
            var inputs = new ArrayList<String>(count);
            for (int i = 0; i < count; i++) {
                var input = "w" + i + '-';
                var workflow = client.newWorkflowStub(
                        StepsWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setTaskQueue(TASK_QUEUE)
                                .setWorkflowId("trivial-" + UUID.randomUUID())
                                .build());
                results.add(WorkflowClient.execute(workflow::run, input, steps));
                inputs.add(input);
            }
            var expectedSuffix = "+".repeat(steps);
            for (int i = 0; i < count; i++) {
                var result = results.get(i).join();
                if (!result.equals(inputs.get(i) + expectedSuffix)) {
                    throw new AssertionError("workflow " + i + " returned " + result);
                }
            }
            return Duration.ofNanos(System.nanoTime() - begin);
        } finally {
            factory.shutdownNow();
            stubs.shutdownNow();
        }
    }
}
