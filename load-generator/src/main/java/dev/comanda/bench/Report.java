package dev.comanda.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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

    static Map<String, Object> load(BenchOptions options, RunStats stats, double arrivalSeconds, double elapsed) {
        var m = new LinkedHashMap<String, Object>();
        var load = new LinkedHashMap<String, Object>();
        load.put("mode", options.openLoop() ? "open" : "closed");
        load.put(
                options.openLoop() ? "rate_per_s" : "concurrency",
                options.openLoop() ? options.rate() : options.concurrency());
        load.put("duration_s", arrivalSeconds);
        load.put("mix", options.mix());
        load.put("kitchen", options.kitchen());
        m.put("load", load);
        var counts = new LinkedHashMap<String, Object>();
        counts.put("started", stats.started.sum());
        counts.put("placed", stats.placed.sum());
        counts.put("confirmed", stats.confirmed.sum());
        counts.put("completed", stats.completed.sum());
        counts.put("rejected", stats.rejected.sum());
        counts.put("cancelled", stats.cancelled.sum());
        counts.put("unfinished", stats.unfinished.sum());
        counts.put("errors", stats.errors());
        m.put("orders", counts);
        var throughput = new LinkedHashMap<String, Object>();
        throughput.put("placements_per_s", round(stats.placed.sum() / arrivalSeconds));
        throughput.put("confirmed_per_s", rate(stats.confirmed.sum(), stats.confirmingSeconds()));
        throughput.put("completed_per_s", rate(stats.completed.sum(), stats.completingSeconds()));
        throughput.put("elapsed_s", round(elapsed));
        m.put("throughput", throughput);
        var latency = new LinkedHashMap<String, Object>();
        latency.put("placement", RunStats.percentiles(stats.placement));
        latency.put("to_confirmed", RunStats.percentiles(stats.confirmation));
        latency.put("to_completed", RunStats.percentiles(stats.completion));
        m.put("latency", latency);
        return m;
    }

    /**
     * CPU per order of each named process over the measured phase (warm-up excluded, drain included):
     * all of it, and what is left after the process's idle burn ({@code idleCores}) over the same time.
     */
    static Map<String, Object> cpu(
            Map<String, Long> before,
            Map<String, Long> after,
            Map<String, Double> idleCores,
            RunStats stats,
            double seconds) {
        var orders = Math.max(1, stats.placed.sum() - stats.unfinished.sum());
        var m = new LinkedHashMap<String, Object>();
        before.forEach((name, start) -> {
            var end = after.get(name);
            if (end == null) {
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
                p.put("ms_per_order_above_idle", round(Math.max(0, used / 1e6 - idle * seconds * 1e3) / orders));
            }
            m.put(name, p);
        });
        return m;
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
        var orchestrated = (double)
                throughput.get(Boolean.TRUE.equals(load.get("kitchen")) ? "completed_per_s" : "confirmed_per_s");
        m.put("compared_with", Boolean.TRUE.equals(load.get("kitchen")) ? "completed_per_s" : "confirmed_per_s");
        m.put("floor_over_orchestrated", orchestrated > 0 ? round(floor.ordersPerSecond() / orchestrated) : null);
        return m;
    }

    static Map<String, Object> environment(BenchOptions options, String runId, String tenant) {
        var m = new LinkedHashMap<String, Object>();
        m.put("run", runId);
        m.put("label", options.label());
        m.put("tenant", tenant);
        m.put("finished_at", Instant.now().toString());
        m.put("api", options.api());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put(
                "load_average_1m",
                round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
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
