package dev.comanda.order;

import static dev.comanda.order.OrderContract.effectKey;

import dev.comanda.notification.NotificationActivities;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.sync.ExternalSyncActivities.Push;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The effects an order starts and never waits on while it goes on: notifications and marketplace
 * pushes. They run in parallel with the order, report into the ledger when they settle, and cannot
 * fail or block it; the workflow lets them settle before it returns.
 */
final class OrderFollowUps {

    private static final Logger log = Workflow.getLogger(OrderFollowUps.class);

    private final ActivityOptions notificationOptions = ActivityOptions.newBuilder()
            .setTaskQueue(OrderContract.NOTIFICATIONS_TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(Duration.ofHours(1))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setMaximumInterval(Duration.ofMinutes(5))
                    .build())
            .build();

    /**
     * Marketplaces get a day of patient retries. Retries of a regular activity happen in the service and
     * add no history events, so a marketplace down for hours costs the order nothing.
     */
    private final ActivityOptions syncOptions = ActivityOptions.newBuilder()
            .setTaskQueue(OrderContract.EXTERNAL_SYNC_TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(Duration.ofHours(24))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(10))
                    .setBackoffCoefficient(2)
                    .setMaximumInterval(Duration.ofMinutes(15))
                    .build())
            .build();

    private final NotificationActivities notifications =
            Workflow.newActivityStub(NotificationActivities.class, notificationOptions);
    private final ExternalSyncActivities externalSync =
            Workflow.newActivityStub(ExternalSyncActivities.class, syncOptions);

    private final OrderLedger ledger;
    private final List<Promise<Void>> pending = new ArrayList<>();
    private CancellationScope syncScope;

    OrderFollowUps(OrderLedger ledger) {
        this.ledger = ledger;
    }

    /** Tells the customer (and the restaurant, for the kinds it acts on) about the order as it is now. */
    void notifyPeople(NotificationKind kind) {
        var notification = notice(kind);
        pending.add(Async.procedure(notifications::notify, notification).handle((ok, failure) -> {
            if (failure != null) {
                log.warn(
                        "notification {} of order {} gave up: {}",
                        kind,
                        ledger.order().orderId(),
                        failure.getMessage());
            }
            return null;
        }));
    }

    /**
     * The notification of {@code kind} about the order as it is now, under its idempotency key: what {@link
     * #notifyPeople} hands the activity, and what the read model queues in the outbox instead.
     */
    Notification notice(NotificationKind kind) {
        return Notification.about(kind, ledger.snapshot());
    }

    /** Pushes the confirmed order to every marketplace of the tenant, each on its own retry schedule. */
    void startMarketplaceSync() {
        var order = ledger.order();
        if (order.marketplaces().isEmpty()) {
            return;
        }
        var snapshot = ledger.snapshot();
        syncScope = Workflow.newCancellationScope(() -> {
            for (var channel : order.marketplaces()) {
                ledger.syncing(channel);
                var push = new Push(effectKey(order.orderId(), "sync-" + channel), channel, snapshot);
                pending.add(Async.function(externalSync::push, push).handle((pushed, failure) -> {
                    if (failure == null) {
                        ledger.synced(channel, pushed.externalId());
                    } else if (failure instanceof ActivityFailure af && af.getCause() instanceof CanceledFailure) {
                        ledger.syncStopped(channel, SyncStatus.CANCELLED, "the order ended before a push succeeded");
                    } else {
                        ledger.syncStopped(channel, SyncStatus.FAILED, rootMessage(failure));
                    }
                    return null;
                }));
            }
        });
        syncScope.run();
    }

    /** A cancelled or rejected order stops pushing; a completed one keeps trying. */
    void stopMarketplaceSync() {
        if (syncScope != null) {
            syncScope.cancel("order ended");
        }
    }

    /** Blocks until every follow-up has settled, including any a running update handler added meanwhile. */
    void awaitSettled() {
        while (pending.stream().anyMatch(promise -> !promise.isCompleted())) {
            Promise.allOf(List.copyOf(pending)).get();
        }
    }

    static String rootMessage(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause.getMessage();
    }
}
