package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportMarkdownTests {

    @Test
    void rendersThroughputLatencyAndCostAsMarkdownTables() {
        var report = new LinkedHashMap<String, Object>();
        report.put(
                "environment",
                Map.of("run", "r1", "label", "", "finished_at", "t", "cores", 2, "load_average_1m", 0.5, "java", "25"));
        report.put("load", Map.of("mode", "open", "rate_per_s", 30, "duration_s", 60, "mix", "m", "kitchen", true));
        report.put("orders", Map.of("placed", 10));
        report.put("throughput", Map.of("placements_per_s", 30.03, "confirmed_per_s", 30.0, "completed_per_s", 0.0));
        report.put(
                "latency",
                Map.of(
                        "placement",
                        Map.of("count", 901, "p50_ms", 34.0, "p95_ms", 95.9, "p99_ms", 123.7, "max_ms", 166.8)));
        report.put(
                "history",
                Map.of(
                        "events_per_order", 21.0,
                        "workflow_tasks_per_order", 5.0,
                        "events_to_confirmed", 14.0,
                        "workflow_tasks_to_confirmed", 2.0));

        var md = ReportMarkdown.render(report);

        assertThat(md)
                .contains("| placements | 30.03 |\n| reaching CONFIRMED | 30.0 |\n| reaching COMPLETED | 0.0 |\n\n")
                .contains("| placement | 901 | 34.0 | 95.9 | 123.7 | 166.8 |\n")
                .contains("| history events (whole order) | 21.0 |\n")
                .contains("| workflow tasks up to CONFIRMED | 2.0 |\n");
    }

    private static final double SECONDS = 20;

    /** A 20 s step at 40/s offered whose stack settles {@code settling}/s; 800 started. */
    private static StepVerdict judged(double settling) {
        var samples = new ArrayList<StepVerdict.Sample>();
        for (int t = 1; t <= SECONDS; t++) {
            var settled = Math.round(settling * (t - 1));
            samples.add(new StepVerdict.Sample(t, 40L * t, settled, 40L * t - settled));
        }
        return StepVerdict.judge(40, SECONDS, samples, StepVerdict.Conditions.clean());
    }

    /** A whole report as the generator builds it, for a step judged {@code verdict}. */
    private static Map<String, Object> report(StepVerdict verdict, long confirmed) {
        var options = BenchOptions.parse("--rate", "40", "--duration", "20s", "--kitchen", "false", "--label", "test");
        var stats = new RunStats();
        stats.started.add(800);
        stats.placed.add(800);
        stats.settled.add(confirmed);
        for (long i = 0; i < confirmed; i++) {
            stats.confirmedAt(stats.startNanos + TimeUnit.SECONDS.toNanos(20));
        }
        RunStats.record(stats.placement, TimeUnit.MILLISECONDS.toNanos(40));
        RunStats.record(stats.confirmation, TimeUnit.MILLISECONDS.toNanos(300));
        var report = new LinkedHashMap<String, Object>();
        report.put("warmup", Map.of("drained", true, "outcome", "drained 1.5 s after the ramp"));
        report.put("verdict", Report.verdict(verdict, new Phase.Result(0, List.of(), true, "drained 0.4 s after")));
        report.putAll(Report.load(options, stats, SECONDS, 21, verdict));
        report.put(
                "cpu",
                Report.cpu(
                        Map.of("workers", 11L, "temporal", 12L, "api", 13L),
                        Map.of("workers", 0L, "temporal", 0L, "workers:jit", TimeUnit.SECONDS.toNanos(1)),
                        Map.of(
                                "workers", TimeUnit.SECONDS.toNanos(8),
                                "temporal", TimeUnit.SECONDS.toNanos(2),
                                "workers:jit", TimeUnit.SECONDS.toNanos(3),
                                "workers:gc", TimeUnit.MILLISECONDS.toNanos(400)),
                        Map.of("workers", 0.1, "temporal", 0.5),
                        stats,
                        20));
        report.put("floor", Report.floor(new JdbcFloor.Result(3000, 10, 300.0), report));
        report.put(
                "environment",
                Report.environment(options, "bench-1", "tenant-1", List.of(1.5, 2.5, 3.5), List.of(4.5, 5.5, 6.5)));
        return report;
    }

    @Test
    void aJvmsCpuPerOrderSaysHowMuchOfItWasTheJitCompilersAndTheCollectors() {
        var markdown = ReportMarkdown.render(report(judged(40), 800));

        // 8 s over 800 orders, 2 s of it the JIT's (3 s at the end, 1 s at the start), 0.4 s the collector's
        // (none at the start: its threads had used nothing yet); the server has no JVM threads.
        assertThat(markdown)
                .contains("| CPU of workers, ms (0.4 cores busy, 0.1 when idle) | 10.0 (7.5 above idle); of it JIT"
                        + " 2.5, GC 0.5 |")
                .contains("| CPU of temporal, ms (0.1 cores busy, 0.5 when idle) | 2.5 (idle window not quiet) |");
    }

    @Test
    void theDatabasesStatementsPerOrderAreInTheCostTableOrSaidMissing() {
        var report = report(judged(40), 800);
        report.put(
                "database",
                DatabaseStatements.perOrder(
                        new DatabaseStatements.Sample(0, 0), new DatabaseStatements.Sample(49_601, 5_600), 800, 800));
        var missing = report(judged(40), 800);
        missing.put("database", DatabaseStatements.perOrder(null, null, 0, 800));

        assertThat(ReportMarkdown.render(report))
                .contains("| database statements (commits), the generator's own left out | 61.0 (7.0) |");
        assertThat(ReportMarkdown.render(missing))
                .contains("| database statements (commits), the generator's own left out | not measured:"
                        + " SHOW GLOBAL STATUS did not answer |");
    }

    @Test
    void aStepWithShedPlacementsSaysHowManyAndWhoseLatencyIsShown() {
        var report = report(judged(24.6), 492);
        @SuppressWarnings("unchecked")
        var orders = (Map<String, Object>) report.get("orders");
        orders.put("shed", 120L);
        orders.put("shed_by_reason", Map.of("orders_in_flight", 120L));

        assertThat(ReportMarkdown.render(report))
                .contains("shed=120")
                .contains("Shed: 120 of 800 placements answered 503 (by reason: {orders_in_flight=120}); the"
                        + " latencies below are the accepted orders'.");
    }

    @Test
    void aStepWithNothingShedPrintsNoShedLine() {
        assertThat(ReportMarkdown.render(report(judged(40), 800)))
                .contains("shed=0")
                .doesNotContain("Shed:");
    }

    @Test
    void anOverCapacityStepPrintsNoThroughputFigure() {
        var verdict = judged(24.6);
        // The finish time is left out: its seconds could spell any decimal.
        var markdown = ReportMarkdown.render(report(verdict, 492))
                .lines()
                .filter(line -> !line.startsWith("- finished"))
                .collect(Collectors.joining("\n"));

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.OVER_CAPACITY);
        assertThat(markdown)
                .contains("**OVER CAPACITY**")
                .contains("No throughput")
                .doesNotContain("| throughput")
                .doesNotContain("per second")
                .doesNotContain("reaching CONFIRMED")
                .doesNotContain(String.valueOf(Report.round(verdict.settledPerSecond())))
                .doesNotContain("24.6") // confirmed per second, 492 over 20 s
                .doesNotContain("×**");
    }

    @Test
    void anOverCapacityStepsJsonHasNoThroughputEither() {
        var report = report(judged(24.6), 492);

        assertThat(report).doesNotContainKey("throughput");
        assertThat(((Map<?, ?>) report.get("floor")).get("floor_over_orchestrated"))
                .isNull();
    }

    @Test
    void aSustainedStepPrintsItsThroughputAndTheFloorAgainstIt() {
        var verdict = judged(40);
        var markdown = ReportMarkdown.render(report(verdict, 800));

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.SUSTAINED);
        assertThat(markdown)
                .contains("**SUSTAINED**")
                .contains("| throughput | per second |")
                .contains("| reaching CONFIRMED | 40.0 |")
                .contains("floor / orchestrated (confirmed_per_s) = **7.5×**");
    }

    @Test
    void everyReportCarriesTheLoadAverageBeforeAndAfter() {
        var markdown = ReportMarkdown.render(report(judged(40), 800));

        assertThat(markdown).contains("load average (1/5/15 min) before 1.5 / 2.5 / 3.5, after 4.5 / 5.5 / 6.5");
    }

    @Test
    void everyNamedProcessIsInTheReportEvenOneThatCouldNotBeRead() {
        var markdown = ReportMarkdown.render(report(judged(40), 800));

        assertThat(markdown)
                .contains("| CPU of temporal, ms (0.1 cores busy, 0.5 when idle) | 2.5 (idle window not quiet) |")
                .contains("| CPU of workers, ms (0.4 cores busy, 0.1 when idle) | 10.0 (7.5 above idle); of it")
                .contains("| CPU of api, ms | not measured: no /proc/13/stat during the step |");
    }

    @Test
    void theVerdictAndTheWarmUpAreSaid() {
        var markdown = ReportMarkdown.render(report(judged(40), 800));

        assertThat(markdown)
                .contains("- warm-up: drained 1.5 s after the ramp")
                .contains("**SUSTAINED**: settled 100 % of the offered rate");
    }
}
