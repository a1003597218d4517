package dev.comanda.bench;

import dev.comanda.order.OrderSearchAttributes;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server floor's workflows and activities: Temporal work with no business in it. Public, because the
 * SDK instantiates and calls them reflectively.
 */
public final class FloorWorkflows {

    /** The workflow type the start shape starts; nothing implements it and no worker polls its queue. */
    static final String NEVER_RUN = "ServerFloorNeverRun";

    static final String ONE_TASK = "ServerFloorOneTask";
    static final String ORDER_SHAPED = "ServerFloorOrderShaped";

    /** The change the order-shaped workflow asks the version of, as an order asks for its search attributes' change. */
    static final String VERSION_CHANGE = "server-floor-version";

    /** The status the order-shaped workflow upserts, as an order does when it is confirmed. */
    static final String CONFIRMED = "CONFIRMED";

    /** As long as an order waits for the kitchen: it never fires during a run. */
    private static final Duration KITCHEN_WAIT = Duration.ofHours(12);

    private static final Duration ACTIVITY_TIMEOUT = Duration.ofSeconds(10);
    private static final RetryOptions RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(200))
            .setMaximumAttempts(3)
            .build();

    private FloorWorkflows() {}

    /** Returns at once: one workflow task from start to completion. */
    @WorkflowInterface
    public interface OneTask {
        @WorkflowMethod(name = ONE_TASK)
        void run();
    }

    /**
     * An order's Temporal work up to CONFIRMED with the kitchen off, without its I/O: the same three workflow
     * tasks and two activity tasks on two other queues, the same version marker and local activities, the
     * status upsert and the timer the order waits on for the kitchen; 23 history events, as the order's.
     */
    @WorkflowInterface
    public interface OrderShaped {
        @WorkflowMethod(name = ORDER_SHAPED)
        void run(String paymentsQueue, String notificationsQueue);
    }

    /** What the order runs inside its workflow tasks (the read model, the stock); returns at once. */
    @ActivityInterface(namePrefix = "ServerFloorLocal")
    public interface LocalSteps {
        void step();
    }

    /** What the order runs on other queues (the charge, the notification); returns at once. */
    @ActivityInterface(namePrefix = "ServerFloorRemote")
    public interface RemoteSteps {
        void charge();

        /** The order-shaped workflow's last activity: its workflow has reached the waiting state. */
        void notifyConfirmed();
    }

    public static final class OneTaskImpl implements OneTask {
        @Override
        public void run() {}
    }

    public static final class OrderShapedImpl implements OrderShaped {

        private final LocalSteps local = Workflow.newLocalActivityStub(
                LocalSteps.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(ACTIVITY_TIMEOUT)
                        .setRetryOptions(RETRY)
                        .build());

        @Override
        public void run(String paymentsQueue, String notificationsQueue) {
            // Workflow task 1: the order's version marker, placed and reserved, then the charge on another queue.
            Workflow.getVersion(VERSION_CHANGE, Workflow.DEFAULT_VERSION, 1);
            local.step();
            local.step();
            remote(paymentsQueue).charge();
            // Workflow task 2: committed and confirmed, the status upsert, the kitchen's timer and the notification.
            local.step();
            local.step();
            Workflow.upsertTypedSearchAttributes(OrderSearchAttributes.STATUS.valueSet(CONFIRMED));
            var kitchen = Workflow.newTimer(KITCHEN_WAIT);
            remote(notificationsQueue).notifyConfirmed();
            // Workflow task 3: the notification's completion; then the order waits for the kitchen.
            kitchen.get();
        }

        private static RemoteSteps remote(String queue) {
            return Workflow.newActivityStub(
                    RemoteSteps.class,
                    ActivityOptions.newBuilder()
                            .setTaskQueue(queue)
                            .setStartToCloseTimeout(ACTIVITY_TIMEOUT)
                            .setRetryOptions(RETRY)
                            .build());
        }
    }

    public static final class LocalStepsImpl implements LocalSteps {
        @Override
        public void step() {}
    }

    /** Completes the future the client registered for the workflow once its last activity runs. */
    public static final class RemoteStepsImpl implements RemoteSteps {

        private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

        /** The future completed when the workflow {@code workflowId} runs its last activity. */
        CompletableFuture<Void> expect(String workflowId) {
            return waiting.computeIfAbsent(workflowId, id -> new CompletableFuture<>());
        }

        void forget(String workflowId) {
            waiting.remove(workflowId);
        }

        @Override
        public void charge() {}

        @Override
        public void notifyConfirmed() {
            var future = waiting.remove(Activity.getExecutionContext().getInfo().getWorkflowId());
            if (future != null) {
                future.complete(null);
            }
        }
    }
}
