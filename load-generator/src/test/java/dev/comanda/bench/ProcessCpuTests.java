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

    @Test
    void aJvmsCompilerAndCollectorThreadsAreTakenApartFromItsOtherThreadsByTheirKernelNames() {
        assertThat(ProcessCpu.kind("C2 CompilerThre")).isEqualTo(ProcessCpu.ThreadKind.JIT);
        assertThat(ProcessCpu.kind("C1 CompilerThre")).isEqualTo(ProcessCpu.ThreadKind.JIT);
        assertThat(ProcessCpu.kind("GC Thread#1")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kind("G1 Conc#0")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kind("G1 Refine#0")).isEqualTo(ProcessCpu.ThreadKind.GC);
        assertThat(ProcessCpu.kind("ForkJoinPool-1-")).isEqualTo(ProcessCpu.ThreadKind.OTHER);
        assertThat(ProcessCpu.kind("temporal")).isEqualTo(ProcessCpu.ThreadKind.OTHER);
    }

    @Test
    void thisJvmsJitCompilerHasUsedCpuAndIsSampledBesideTheWholeProcessWithinIt() {
        // Enough work for the JIT to compile something, whatever ran in this JVM before.
        var sum = 0L;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Long.toString(i).hashCode();
        }
        var pid = ProcessHandle.current().pid();

        var sample = ProcessCpu.sample(Map.of("self", pid));

        assertThat(sum).isNotZero();
        assertThat(sample).containsKey("self" + ProcessCpu.JIT);
        assertThat(sample.get("self" + ProcessCpu.JIT)).isPositive().isLessThanOrEqualTo(sample.get("self"));
        assertThat(sample.getOrDefault("self" + ProcessCpu.GC, 0L)).isLessThanOrEqualTo(sample.get("self"));
    }

    @Test
    void aProcessWithoutJvmThreadsHasNoUpkeepFigure() throws Exception {
        var sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            var sample = ProcessCpu.sample(Map.of("sleep", sleeper.pid()));

            assertThat(sample).containsOnlyKeys("sleep");
        } finally {
            sleeper.destroy();
        }
    }
}
