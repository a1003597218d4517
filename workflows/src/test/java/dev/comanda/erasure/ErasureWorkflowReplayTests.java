package dev.comanda.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every committed history under {@code erasure-histories/} on today's erasure workflows: a change
 * that alters the commands of an erasure or an offboarding still running fails here, not on a worker after
 * a deploy. Regenerated with the orders' histories ({@link ErasureHistoryCaptureTests}).
 */
class ErasureWorkflowReplayTests {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.comanda.erasure.ErasureReplays#committed")
    void committedHistoryReplaysDeterministically(String name) throws Exception {
        try {
            ErasureReplays.replay(ErasureReplays.history(name));
        } catch (Exception e) {
            throw new AssertionError(ErasureReplays.FOLDER + "/" + name + " no longer replays: " + e.getMessage(), e);
        }
    }

    @Test
    void bothErasureWorkflowsHaveACommittedHistory() throws Exception {
        assertThat(ErasureReplays.committed())
                .contains(ErasureHistoryCaptureTests.CUSTOMER_ERASED, ErasureHistoryCaptureTests.TENANT_OFFBOARDED);
    }
}
