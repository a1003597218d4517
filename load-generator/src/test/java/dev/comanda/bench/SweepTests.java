package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTests {

    @TempDir
    Path run;

    /** A step directory with the parts of a report.json the sweep reads. */
    private void step(String name, String verdict, String throughput) throws IOException {
        var dir = Files.createDirectories(run.resolve(name));
        Files.writeString(dir.resolve("report.json"), """
                {"verdict": {"verdict": "%s", "reasons": ["because"]},
                 %s
                 "latency": {"placement": {"p50_ms": 12.5, "p99_ms": 80.0}, "to_confirmed": {"p50_ms": 200.0, "p99_ms": 900.0}},
                 "cpu": {"workers": {"ms_per_order": 11.5, "jit_ms_per_order": 3.25}, "temporal": {"ms_per_order": 4.0}},
                 "database": {"statements_per_order": 61.5, "commits_per_order": 7.0},
                 "floor": {"orders_per_s": 300.0},
                 "environment": {"load_average_before": [3.0, 2.0, 1.0], "load_average_after": [4.0, 2.0, 1.0]}}
                """.formatted(verdict, throughput));
    }

    @Test
    void theSummaryGivesEachStepsVerdictTheMaximumAndTheHalfStep() throws IOException {
        step("step-01-probe-5", "SUSTAINED", "\"throughput\": {\"settled_per_s\": 5.0},");
        step("step-02-probe-40", "OVER_CAPACITY", "");
        step("step-03-probe-22", "SUSTAINED", "\"throughput\": {\"settled_per_s\": 21.9},");
        step("step-04-probe-31", "INVALID", "");
        step("step-05-half-11", "SUSTAINED", "\"throughput\": {\"settled_per_s\": 11.0},");

        var markdown = Sweep.write(run, Sweep.steps(run));

        assertThat(markdown)
                .contains("| 2 | probe | 40 | **OVER CAPACITY** | — |")
                .contains(
                        "| 3 | probe | 22 | **SUSTAINED** | 21.9 | 12.5 / 80.0 | 200.0 / 900.0 | workers 11.5 (JIT 3.25), temporal 4.0 | 61.5 (7.0) | 300.0 | 3.0 → 4.0 |")
                .contains("| 4 | probe | 31 | **INVALID** | — |")
                .contains("**Maximum sustained rate: 22 orders/s** (lowest rate not sustained: 31 orders/s)")
                .contains("**At half of it, 11 orders/s: SUSTAINED; placement p50 / p99 12.5 / 80.0 ms");
        assertThat(Files.readString(run.resolve("sweep.md"))).isEqualTo(markdown);
        assertThat(Files.readString(run.resolve("sweep.json"))).contains("\"max_sustained_per_s\" : 22.0");
    }

    @Test
    void theNextProbeFollowsFromTheStepsSoFarIgnoringTheHalfStep() throws IOException {
        step("step-01-probe-5", "SUSTAINED", "");
        step("step-02-probe-40", "OVER_CAPACITY", "");
        step("step-03-half-2", "OVER_CAPACITY", "");

        var probes = Sweep.probes(Sweep.steps(run), "probe");

        assertThat(Bisection.next(5, 40, probes)).contains(23.0);
    }

    @Test
    void aStepWithoutAReportIsInvalid() throws IOException {
        Files.createDirectories(run.resolve("step-01-rate-40"));

        var steps = Sweep.steps(run);

        assertThat(steps).singleElement().extracting(Sweep.Step::verdict).isEqualTo(StepVerdict.Verdict.INVALID);
        assertThat((List<?>) Sweep.summary("r", steps).get("steps"))
                .singleElement()
                .satisfies(row -> assertThat(((Map<?, ?>) row).get("verdict")).isEqualTo("INVALID"));
    }
}
