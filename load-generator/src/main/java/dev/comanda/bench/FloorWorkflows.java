package dev.comanda.bench;

import dev.comanda.order.OrderSearchAttributes;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.UpdateMethod;
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
    static final String ORDER_BEFORE = "ServerFloorOrderBefore";

    /** The update the order-shaped workflow answers its start with, as an order answers its placement. */
    static final String OUTCOME_UPDATE_ID = "outcome";

    /** The change the earlier order shape asks the version of, as an order asked for its search attributes' change. */
    static final String VERSION_CHANGE = "server-floor-version";

    /** The status the order shapes upsert, as an order does when it is confirmed. */
    static final String CONFIRMED = "CONFIRMED";

    /**
     * Characters of each payload, so the history carries an order's bytes: a card takeaway's committed
     * history ({@code workflows/src/test/resources/histories/card-takeaway-completed.json}) less the
     * encryption's overhead. The workflow's input and the placement's write are the order; the CONFIRMED
     * write carries the order again in its notice, and the outcome is the order's state.
     */
    static final int ORDER = 700;

    static final int FIRST_ENTRY = 150;
    static final int RESERVE_IN = 255;
    static final int RESERVE_OUT = 160;
    static final int CHARGE_IN = 270;
    static final int CHARGE_OUT = 140;
    static final int COMMIT_IN = 110;
    static final int CONFIRMED_WRITE_IN = 2_430;
    static final int OUTCOME = 1_530;

    /** As long as an order waits for the kitchen: it never fires during a run. */
    private static final Duration KITCHEN_WAIT = Duration.ofHours(12);

    private static final Duration ACTIVITY_TIMEOUT = Duration.ofSeconds(10);
    private static final RetryOptions RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(200))
            .setMaximumAttempts(3)
            .build();

    private FloorWorkflows() {}

    /** {@code chars} characters: a payload of about that many bytes once JSON-encoded. */
    static String filler(int chars) {
        return "x".repeat(chars);
    }

    /** Returns at once: one workflow task from start to completion. */
    @WorkflowInterface
    public interface OneTask {
        @WorkflowMethod(name = ONE_TASK)
        void run();
    }

    /**
     * An order's Temporal work up to CONFIRMED with the kitchen off, as this build shapes it, without its I/O:
     * started together with its outcome update, the placement's write, reserve, charge, commit and the
     * CONFIRMED write as local activities in the one workflow task, the update completed on CONFIRMED, the
     * status upsert and the timer the order waits on for the kitchen; 13 history events, 1 workflow task and
     * no activity task, as the order's, with its payloads' sizes.
     */
    @WorkflowInterface
    public interface OrderShaped {
        @WorkflowMethod(name = ORDER_SHAPED)
        void run(String order);

        /** Answers once the workflow is CONFIRMED, as the order's outcome update does. */
        @UpdateMethod
        String outcome();
    }

    /**
     * The same work as the build issue 24 measured shaped it: a version marker and two local activities in
     * the first workflow task, then the charge as an activity on a second queue; two local activities, the
     * status upsert, the kitchen's timer and the CONFIRMED notification as an activity on a third queue in
     * the second; that activity's completion in the third: 23 history events, 3 workflow tasks and 2 activity
     * tasks, with the same payloads' sizes.
     */
    @WorkflowInterface
    public interface OrderBefore {
        @WorkflowMethod(name = ORDER_BEFORE)
        void run(String order, String paymentsQueue, String notificationsQueue);
    }

    /** What the order runs inside its workflow tasks (the read model, the stock, the charge); returns at once. */
    @ActivityInterface(namePrefix = "ServerFloorLocal")
    public interface LocalSteps {
        /** @return {@code resultChars} characters, or null for none (a write answers nothing) */
        String step(String input, int resultChars);
    }

    /** What the earlier shape ran on other queues (the charge, the notification); returns at once. */
    @ActivityInterface(namePrefix = "ServerFloorRemote")
    public interface RemoteSteps {
        String charge(String input, int resultChars);

        /** The earlier shape's last activity: its workflow has reached the waiting state. */
        void notifyConfirmed(String notice);
    }

    public static final class OneTaskImpl implements OneTask {
        @Override
        public void run() {}
    }

    private static LocalSteps localSteps() {
        return Workflow.newLocalActivityStub(
                LocalSteps.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(ACTIVITY_TIMEOUT)
                        .setRetryOptions(RETRY)
                        .build());
    }

    public static final class OrderShapedImpl implements OrderShaped {

        private final LocalSteps local = localSteps();
        private boolean confirmed;

        @Override
        public void run(String order) {
            local.step(order + filler(FIRST_ENTRY), 0);
            local.step(filler(RESERVE_IN), RESERVE_OUT);
            local.step(filler(CHARGE_IN), CHARGE_OUT);
            local.step(filler(COMMIT_IN), 0);
            confirmed = true;
            local.step(filler(CONFIRMED_WRITE_IN), 0);
            Workflow.upsertTypedSearchAttributes(OrderSearchAttributes.STATUS.valueSet(CONFIRMED));
            Workflow.sleep(KITCHEN_WAIT);
        }

        @Override
        public String outcome() {
            Workflow.await(() -> confirmed);
            return filler(OUTCOME);
        }
    }

    public static final class OrderBeforeImpl implements OrderBefore {

        private final LocalSteps local = localSteps();

        @Override
        public void run(String order, String paymentsQueue, String notificationsQueue) {
            // Workflow task 1: the order's version marker, placed and reserved, then the charge on another queue.
            Workflow.getVersion(VERSION_CHANGE, Workflow.DEFAULT_VERSION, 1);
            local.step(order + filler(FIRST_ENTRY), 0);
            local.step(filler(RESERVE_IN), RESERVE_OUT);
            remote(paymentsQueue).charge(filler(CHARGE_IN), CHARGE_OUT);
            // Workflow task 2: committed and confirmed, the status upsert, the kitchen's timer and the notification.
            local.step(filler(COMMIT_IN), 0);
            local.step(filler(CONFIRMED_WRITE_IN - OUTCOME), 0);
            Workflow.upsertTypedSearchAttributes(OrderSearchAttributes.STATUS.valueSet(CONFIRMED));
            var kitchen = Workflow.newTimer(KITCHEN_WAIT);
            remote(notificationsQueue).notifyConfirmed(filler(OUTCOME));
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
        public String step(String input, int resultChars) {
            return resultChars == 0 ? null : filler(resultChars);
        }
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
        public String charge(String input, int resultChars) {
            return filler(resultChars);
        }

        @Override
        public void notifyConfirmed(String notice) {
            var future = waiting.remove(Activity.getExecutionContext().getInfo().getWorkflowId());
            if (future != null) {
                future.complete(null);
            }
        }
    }
}
