package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTests {

    @Test
    void userAndSystemTicksAreAddedEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        var stat = "4242 (java (worker) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 40 0 100 0 0";

        assertThat(ProcessCpu.parse(stat)).isEqualTo((250 + 50) * 10_000_000L);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        var pid = ProcessHandle.current().pid();

        assertThat(ProcessCpu.sample(Map.of("self", pid))).containsKey("self");
        assertThat(ProcessCpu.sample(Map.of("self", pid)).get("self")).isPositive();
    }

    @Test
    void aProcessThatIsGoneIsLeftOutRatherThanReportedAsIdle() {
        assertThat(ProcessCpu.sample(Map.of("gone", Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void whatEachProcessUsedBetweenTwoSamplesLeavesOutOneMissingFromEither() {
        var before = Map.of("api", 1_000L, "workers", 5_000L, "gone", 7L);
        var after = Map.of("api", 4_000L, "workers", 5_500L, "new", 9L);

        assertThat(ProcessCpu.used(before, after)).isEqualTo(Map.of("api", 3_000L, "workers", 500L));
    }
}
