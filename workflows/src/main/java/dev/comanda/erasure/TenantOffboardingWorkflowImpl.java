package dev.comanda.erasure;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class TenantOffboardingWorkflowImpl implements TenantOffboardingWorkflow {

    /** How often the still-running orders are counted again. */
    static final Duration OPEN_ORDERS_POLL = Duration.ofMinutes(1);

    // A tenant's rows in one statement per table: minutes, not seconds, for a large restaurant.
    private final ErasureActivities erasure = Workflow.newActivityStub(
            ErasureActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .build())
                    .build());

    @Override
    public Offboarded offboard(Offboarding request) {
        var tenantId = request.tenantId();
        // An instance that has not seen the close yet (its caches) may still let an order in until then.
        if (request.drain().isPositive()) {
            Workflow.sleep(request.drain());
        }
        // Orders let in just before the close run to their end: what no kitchen accepts is cancelled (and
        // refunded) at its accept deadline. Only then are they erased, and their keys deleted.
        while (erasure.openOrders(tenantId) > 0) {
            if (Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(new Offboarding(tenantId, request.requestedBy(), Duration.ZERO));
            }
            Workflow.sleep(OPEN_ORDERS_POLL);
        }
        // The rows first, the keys last, as a customer's erasure does: a retry finds the rows done.
        var rows = erasure.anonymizeTenant(tenantId);
        var keys = erasure.deleteTenantDataKeys(tenantId);
        return new Offboarded(
                tenantId,
                new CustomerErasureWorkflow.Erased(rows.orders(), rows.notifications(), rows.payments(), keys));
    }
}
