package dev.comanda.order;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays committed histories against today's workflow code: a change that would break running orders
 * (non-determinism) fails here, not in production. Refresh the files only for a deliberate, versioned
 * change: {@code ./mvnw -pl workflows verify -Dtest=OrderWorkflowSagaTests
 * -Dcomanda.histories.dir=$PWD/workflows/src/test/resources/histories}.
 */
class OrderWorkflowReplayTests {

    @ParameterizedTest
    @ValueSource(strings = {"card-happy-path", "card-declined"})
    void committedHistoryReplaysDeterministically(String name) throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + name + ".json", OrderWorkflowImpl.class);
    }
}
