package dev.comanda.order;

import dev.comanda.codec.DataKeys;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;

/**
 * Replays a history on today's {@link OrderWorkflowImpl} through the payload codec, as the workers run it:
 * the committed histories are encrypted under the committed test key ({@link StaticDataKeys#testKeys()});
 * plain ones (the {@code before-*} fixtures, captured before encryption) pass through the codec as they are.
 */
final class Replays {

    private Replays() {}

    static void replay(WorkflowExecutionHistory history) throws Exception {
        replay(history, StaticDataKeys.testKeys());
    }

    static void replay(WorkflowExecutionHistory history, DataKeys keys) throws Exception {
        var environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.dataConverter(keys))
                        .build())
                .build());
        try {
            WorkflowReplayer.replayWorkflowExecution(history, environment, OrderWorkflowImpl.class);
        } finally {
            environment.close();
        }
    }
}
