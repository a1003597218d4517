package dev.comanda.observability;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/** A one-activity workflow for the tests: enough to make a worker poll, run an activity and complete. */
final class Greeting {

    static final String TASK_QUEUE = "observability-tests";

    private Greeting() {}

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod
        String greet(String name);
    }

    @ActivityInterface
    public interface GreetingActivities {
        String compose(String name);
    }

    public static class GreetingWorkflowImpl implements GreetingWorkflow {
        private final GreetingActivities activities = Workflow.newActivityStub(
                GreetingActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .build());

        @Override
        public String greet(String name) {
            return activities.compose(name);
        }
    }

    /** Keeps the MDC each activity ran with, by the name it was given. */
    static final class RecordingActivities implements GreetingActivities {
        final Map<String, Map<String, String>> mdcByName = new ConcurrentHashMap<>();

        @Override
        public String compose(String name) {
            var mdc = MDC.getCopyOfContextMap();
            mdcByName.put(name, mdc == null ? Map.of() : mdc);
            return "hello " + name;
        }
    }
}
