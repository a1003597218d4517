package dev.comanda.sync;

import dev.comanda.order.OrderState;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Pushes a confirmed order to one marketplace or ERP the tenant configured. Every attempt is written
 * to the sync log (status, attempts, last error); failures are retryable and the workflow gives this
 * activity a long retry policy of its own, so a failing marketplace never blocks the order.
 */
@ActivityInterface(namePrefix = "ExternalSync")
public interface ExternalSyncActivities {

    @ActivityMethod
    Pushed push(Push push);

    record Push(String idempotencyKey, String channel, OrderState order) {}

    record Pushed(String channel, String externalId) {}
}
