package dev.comanda.reconciliation;

import static dev.comanda.order.OrderContract.effectKey;

import dev.comanda.order.OrderContract;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.sync.ExternalSyncActivities.Push;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * An operator's retry: a few attempts, then the failure goes back to the operator (the order stays in
 * the queue). The push uses the order's own key ({@code <orderId>:sync-<channel>}), the refund the
 * order's own refund key, a notification its own ({@code <orderId>:notify-<kind>}), so none can happen
 * twice however the original and the retry interleave.
 */
public class OrderRetryWorkflowImpl implements OrderRetryWorkflow {

    /** The failure type of a notification retry whose notification did not give up (sent meanwhile, say). */
    static final String NOTHING_GAVE_UP = "NothingGaveUp";

    private final RetryOptions aFewAttempts = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(5))
            .setMaximumAttempts(3)
            .build();

    private final OrderRetryActivities orders = Workflow.newActivityStub(
            OrderRetryActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(aFewAttempts)
                    .build());

    private final ExternalSyncActivities sync = Workflow.newActivityStub(
            ExternalSyncActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(OrderContract.EXTERNAL_SYNC_TASK_QUEUE)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(aFewAttempts)
                    .build());

    @Override
    public String retry(RetryRequest request) {
        return switch (request.kind()) {
            case REFUND -> "refund " + orders.refund(request.tenantId(), request.orderId());
            case MARKETPLACE_PUSH -> {
                var state = orders.orderState(request.tenantId(), request.orderId());
                var pushed = sync.push(
                        new Push(effectKey(request.orderId(), "sync-" + request.channel()), request.channel(), state));
                orders.recordSynced(request.tenantId(), request.orderId(), request.channel(), pushed.externalId());
                yield "pushed to " + request.channel() + " as " + pushed.externalId();
            }
            case NOTIFICATION -> {
                if (!orders.sendNoticeAgain(request.tenantId(), request.orderId(), request.notification())) {
                    throw ApplicationFailure.newNonRetryableFailure(
                            "no " + request.notification() + " notification of this order gave up", NOTHING_GAVE_UP);
                }
                yield "notification " + request.notification() + " queued again";
            }
        };
    }
}
