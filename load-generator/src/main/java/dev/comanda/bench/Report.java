package dev.comanda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Turns a run's observations into the report: a JSON document and the same figures as Markdown. */
final class Report {

    /** Where the report went, and its Markdown text. */
    record Written(Path jsonPath, Path markdownPath, String markdown) {}

    private Report() {}

    /** The step's verdict and the evidence it was reached on. */
    static Map<String, Object> verdict(StepVerdict verdict, Phase.Result measured) {
        var m = new LinkedHashMap<String, Object>();
        m.put("verdict", verdict.verdict().name());
        m.put("reasons", verdict.reasons());
        m.put("offered_per_s", round(verdict.offeredPerSecond()));
        m.put("started_per_s", round(verdict.startedPerSecond()));
        m.put(
                "settled_share",
                verdict.offeredPerSecond() > 0 ? round(verdict.settledPerSecond() / verdict.offeredPerSecond()) : null);
        m.put("in_flight_growth", round(verdict.inFlightGrowth()));
        m.put("in_flight_growth_allowed", round(verdict.allowedGrowth()));
        m.put("steady_window_s", round(verdict.windowSeconds()));
        m.put("drained", measured.drained());
        m.put("drain", measured.outcome());
        m.put(
                "rules",
                Map.of(
                        "settled_share_at_least", StepVerdict.SUSTAINED_SHARE,
                        "started_share_at_least", StepVerdict.OFFERED_SHARE,
                        "in_flight_growth_at_most",
                                "max(" + StepVerdict.IN_FLIGHT_SLACK_ORDERS + ", rate x "
                                        + StepVerdict.IN_FLIGHT_SLACK_SECONDS + " s)",
                        "steady_window_from", StepVerdict.STEADY_FROM));
        return m;
    }

    /**
     * Load, order counts, throughput and latency of the measured phase. Throughput is only given for a
     * SUSTAINED step: of a step that fell behind it would be the stack's backlog rate, not a result.
     */
    static Map<String, Object> load(
            BenchOptions options, RunStats stats, double arrivalSeconds, double elapsed, StepVerdict verdict) {
        var m = new LinkedHashMap<String, Object>();
        var load = new LinkedHashMap<String, Object>();
        load.put("mode", options.openLoop() ? "open" : "closed");
        load.put(
                options.openLoop() ? "rate_per_s" : "concurrency",
                options.openLoop() ? options.rate() : options.concurrency());
        load.put("duration_s", arrivalSeconds);
        load.put("mix", options.mix());
        load.put("kitchen", options.kitchen());
        load.put("customer", options.storefront() ? "storefront" : "key");
        m.put("load", load);
        var counts = new LinkedHashMap<String, Object>();
        counts.put("started", stats.started.sum());
        counts.put("placed", stats.placed.sum());
        counts.put("shed", stats.shed.sum());
        counts.put("shed_by_reason", stats.shedReasons());
        counts.put("confirmed", stats.confirmed.sum());
        counts.put("settled", stats.settled.sum());
        counts.put("completed", stats.completed.sum());
        counts.put("rejected", stats.rejected.sum());
        counts.put("cancelled", stats.cancelled.sum());
        counts.put("unfinished", stats.unfinished.sum());
        counts.put("errors", stats.errors());
        m.put("orders", counts);
        if (verdict.verdict() == StepVerdict.Verdict.SUSTAINED) {
            var throughput = new LinkedHashMap<String, Object>();
            throughput.put("placements_per_s", round(stats.placed.sum() / arrivalSeconds));
            throughput.put("settled_per_s", round(verdict.settledPerSecond()));
            throughput.put("confirmed_per_s", rate(stats.confirmed.sum(), stats.confirmingSeconds()));
            throughput.put("completed_per_s", rate(stats.completed.sum(), stats.completingSeconds()));
            throughput.put("elapsed_s", round(elapsed));
            m.put("throughput", throughput);
        }
        var latency = new LinkedHashMap<String, Object>();
        latency.put("placement", RunStats.percentiles(stats.placement));
        latency.put("to_confirmed", RunStats.percentiles(stats.confirmation));
        latency.put("to_completed", RunStats.percentiles(stats.completion));
        m.put("latency", latency);
        return m;
    }

    /** The orders a measured phase's costs are divided by: those placed that settled. */
    static long ordersMeasured(RunStats stats) {
        return stats.placed.sum() - stats.unfinished.sum();
    }

    /**
     * CPU per order of each named process over the measured phase (warm-up excluded, drain included):
     * all of it, and what is left after the process's idle burn ({@code idleCores}) over the same time;
     * for a JVM, how much of it was the JIT compiler's and the garbage collector's ({@link ProcessCpu#JIT},
     * {@link ProcessCpu#GC}).
     */
    static Map<String, Object> cpu(
            Map<String, Long> pids,
            Map<String, Long> before,
            Map<String, Long> after,
            Map<String, Double> idleCores,
            RunStats stats,
            double seconds) {
        var orders = Math.max(1, ordersMeasured(stats));
        var m = new LinkedHashMap<String, Object>();
        new java.util.TreeMap<>(pids).forEach((name, pid) -> {
            var start = before.get(name);
            var end = after.get(name);
            if (start == null || end == null) {
                // Every named process is in the report: one that could not be read says so.
                m.put(name, Map.of("pid", pid, "missing", "no /proc/" + pid + "/stat during the step"));
                return;
            }
            var used = end - start;
            var p = new LinkedHashMap<String, Object>();
            p.put("cpu_s", round(used / 1e9));
            p.put("ms_per_order", round(used / 1e6 / orders));
            p.put("cores_used", round(used / 1e9 / seconds));
            var idle = idleCores.get(name);
            if (idle != null) {
                p.put("idle_cores", round(idle));
                if (idle < used / 1e9 / seconds) {
                    p.put("ms_per_order_above_idle", round((used / 1e6 - idle * seconds * 1e3) / orders));
                } else {
                    // Busier "idle" than under load: the window was not quiet, and no figure is better
                    // than the 0.0 a subtraction would print.
                    p.put("idle_not_quiet", true);
                }
            }
            upkeep(p, "jit_ms_per_order", before, after, name + ProcessCpu.JIT, orders);
            upkeep(p, "gc_ms_per_order", before, after, name + ProcessCpu.GC, orders);
            m.put(name, p);
        });
        return m;
    }

    private static void upkeep(
            Map<String, Object> p,
            String field,
            Map<String, Long> before,
            Map<String, Long> after,
            String key,
            long orders) {
        var end = after.get(key);
        if (end != null) {
            p.put(field, round((end - before.getOrDefault(key, 0L)) / 1e6 / orders));
        }
    }

    static Map<String, Object> floor(JdbcFloor.Result floor, Map<String, Object> report) {
        var m = new LinkedHashMap<String, Object>();
        m.put("orders", floor.orders());
        m.put("seconds", round(floor.seconds()));
        m.put("orders_per_s", floor.ordersPerSecond());
        @SuppressWarnings("unchecked")
        var throughput = (Map<String, Object>) report.get("throughput");
        @SuppressWarnings("unchecked")
        var load = (Map<String, Object>) report.get("load");
        var comparedWith = Boolean.TRUE.equals(load.get("kitchen")) ? "completed_per_s" : "confirmed_per_s";
        if (throughput == null) {
            m.put("compared_with", null);
            m.put("floor_over_orchestrated", null);
            return m; // a step with no sustained throughput has nothing to set the floor against
        }
        var orchestrated = (double) throughput.get(comparedWith);
        m.put("compared_with", comparedWith);
        m.put("floor_over_orchestrated", orchestrated > 0 ? round(floor.ordersPerSecond() / orchestrated) : null);
        return m;
    }

    static Map<String, Object> environment(
            BenchOptions options,
            String runId,
            String tenant,
            java.util.List<Double> loadBefore,
            java.util.List<Double> loadAfter) {
        var m = new LinkedHashMap<String, Object>();
        m.put("run", runId);
        m.put("label", options.label());
        m.put("tenant", tenant);
        m.put("finished_at", Instant.now().toString());
        m.put("api", options.api());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load_average_before", loadBefore);
        m.put("load_average_after", loadAfter);
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    static Written write(Path dir, Map<String, Object> report) throws IOException {
        Files.createDirectories(dir);
        var json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        var jsonPath = dir.resolve("report.json");
        var markdownPath = dir.resolve("report.md");
        Files.writeString(jsonPath, json.writeValueAsString(report));
        var markdown = ReportMarkdown.render(report);
        Files.writeString(markdownPath, markdown);
        return new Written(jsonPath, markdownPath, markdown);
    }

    static double rate(long count, double seconds) {
        return seconds > 0 ? round(count / seconds) : 0;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
