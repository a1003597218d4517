package dev.comanda.erasure;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class CustomerErasureWorkflowImpl implements CustomerErasureWorkflow {

    private final ErasureActivities erasure = Workflow.newActivityStub(
            ErasureActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofSeconds(30))
                            .build())
                    .build());

    @Override
    public Erased erase(Erasure request) {
        // The rows first, the keys last: a retry after a crash finds the rows already anonymized (a no-op)
        // and still deletes the keys.
        var rows = erasure.anonymize(request);
        var keys = erasure.deleteDataKeys(request);
        return new Erased(rows.orders(), rows.notifications(), rows.payments(), keys);
    }
}
