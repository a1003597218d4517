package dev.comanda.bench;

import java.util.Map;

/** The report's figures as a Markdown section, ready to paste into docs/benchmarks.md. */
final class ReportMarkdown {

    private ReportMarkdown() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        var load = (Map<String, Object>) report.get("load");
        var orders = (Map<String, Object>) report.get("orders");
        var throughput = (Map<String, Object>) report.get("throughput");
        var latency = (Map<String, Object>) report.get("latency");
        var env = (Map<String, Object>) report.get("environment");
        var md = new StringBuilder();
        md.append("### Run ").append(env.get("run"));
        if (!"".equals(env.get("label"))) {
            md.append(" — ").append(env.get("label"));
        }
        md.append("\n\n");
        md.append("- finished ")
                .append(env.get("finished_at"))
                .append(", ")
                .append(env.get("cores"))
                .append(" cores, load average (1/5/15 min) before ")
                .append(loadAverage(env.get("load_average_before")))
                .append(", after ")
                .append(loadAverage(env.get("load_average_after")))
                .append(", Java ")
                .append(env.get("java"))
                .append('\n');
        md.append("- load: ")
                .append(
                        "open".equals(load.get("mode"))
                                ? "open loop at " + load.get("rate_per_s") + " orders/s"
                                : "closed loop, " + load.get("concurrency") + " orders in flight")
                .append(" for ")
                .append(load.get("duration_s"))
                .append(" s; mix ")
                .append(load.get("mix"))
                .append("; kitchen ")
                .append(load.get("kitchen"))
                .append("; customer ")
                .append(load.getOrDefault("customer", "key"))
                .append('\n');
        var warmUp = (Map<String, Object>) report.get("warmup");
        md.append("- warm-up: ")
                .append(warmUp == null || !warmUp.containsKey("outcome") ? "none" : warmUp.get("outcome"))
                .append('\n');
        md.append("- orders: ").append(orders).append("\n\n");
        if (orders.get("shed") instanceof Number shed && shed.longValue() > 0) {
            md.append(String.format(
                    "Shed: %d of %s placements answered 503 (by reason: %s); the latencies below are the"
                            + " accepted orders'.\n\n",
                    shed.longValue(), orders.get("started"), orders.getOrDefault("shed_by_reason", "not given")));
        }
        var verdict = (Map<String, Object>) report.get("verdict");
        // A report without a verdict predates the verdicts (every step is judged now): its throughput is
        // shown as it was written, under a line saying it was never judged.
        var sustained = verdict == null || "SUSTAINED".equals(verdict.get("verdict"));
        if (verdict == null) {
            md.append("Not judged: a report from before step verdicts.\n\n");
        }
        if (verdict != null) {
            md.append("**")
                    .append(verdict.get("verdict").toString().replace('_', ' '))
                    .append("**: ")
                    .append(String.join("; ", (java.util.List<String>) verdict.get("reasons")))
                    .append(". ")
                    .append(verdict.get("drain"))
                    .append(".\n\n");
        }
        if (sustained && throughput != null) {
            md.append("| throughput | per second |\n|---|---|\n");
            if (throughput.containsKey("settled_per_s")) {
                row(md, "settled in the steady window", throughput.get("settled_per_s"));
            }
            row(md, "placements", throughput.get("placements_per_s"));
            row(md, "reaching CONFIRMED", throughput.get("confirmed_per_s"));
            row(md, "reaching COMPLETED", throughput.get("completed_per_s"));
            md.append('\n');
        } else {
            // Of a step that fell behind, any orders-per-second figure is its backlog's, not a result.
            md.append("No throughput: the step did not sustain its rate. Its latencies are time spent queueing.\n\n");
        }
        md.append("| latency (ms) | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
        latency.forEach((name, value) -> {
            var p = (Map<String, Object>) value;
            row(md, name, p.get("count"), p.get("p50_ms"), p.get("p95_ms"), p.get("p99_ms"), p.get("max_ms"));
        });
        var history = (Map<String, Object>) report.get("history");
        var cpu = (Map<String, Object>) report.get("cpu");
        md.append("\n| cost per order | value |\n|---|---|\n");
        if (history != null && history.containsKey("events_per_order")) {
            row(md, "history events (whole order)", history.get("events_per_order"));
            row(md, "workflow tasks (whole order)", history.get("workflow_tasks_per_order"));
            row(md, "history events up to CONFIRMED", history.get("events_to_confirmed"));
            row(md, "workflow tasks up to CONFIRMED", history.get("workflow_tasks_to_confirmed"));
        }
        if (cpu != null) {
            cpu.forEach((name, value) -> {
                var p = (Map<String, Object>) value;
                if (p.containsKey("missing")) {
                    row(md, "CPU of " + name + ", ms", "not measured: " + p.get("missing"));
                    return;
                }
                md.append("| CPU of ")
                        .append(name)
                        .append(", ms (")
                        .append(p.get("cores_used"))
                        .append(" cores busy")
                        .append(p.containsKey("idle_cores") ? ", " + p.get("idle_cores") + " when idle" : "")
                        .append(") | ")
                        .append(p.get("ms_per_order"))
                        .append(
                                p.containsKey("ms_per_order_above_idle")
                                        ? " (" + p.get("ms_per_order_above_idle") + " above idle)"
                                        : p.containsKey("idle_not_quiet") ? " (idle window not quiet)" : "")
                        .append(
                                p.containsKey("jit_ms_per_order")
                                        ? "; of it JIT " + p.get("jit_ms_per_order") + ", GC "
                                                + p.getOrDefault("gc_ms_per_order", 0.0)
                                        : "")
                        .append(" |\n");
            });
        }
        var database = (Map<String, Object>) report.get("database");
        if (database != null) {
            row(
                    md,
                    "database statements (commits), the generator's own left out",
                    database.containsKey("missing")
                            ? "not measured: " + database.get("missing")
                            : database.get("statements_per_order") + " (" + database.get("commits_per_order") + ")");
        }
        var floor = (Map<String, Object>) report.get("floor");
        if (floor != null && floor.containsKey("error")) {
            md.append("\nJDBC floor failed: ").append(floor.get("error")).append('\n');
        } else if (floor == null || floor.containsKey("skipped")) {
            md.append("\nJDBC floor: not run (--floor-orders 0)\n");
        } else {
            md.append("\nJDBC floor: ")
                    .append(floor.get("orders_per_s"))
                    .append(" orders/s (")
                    .append(floor.get("orders"))
                    .append(" orders, same SQL, no orchestration)");
            if (floor.get("floor_over_orchestrated") != null) {
                md.append("; floor / orchestrated (")
                        .append(floor.get("compared_with"))
                        .append(") = **")
                        .append(floor.get("floor_over_orchestrated"))
                        .append("×**");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** {@code 1.2 / 3.4 / 5.6}, or {@code n/a} where the system had no load average to read. */
    /** A load average list from a report as {@code 1.2 / 3.4 / 5.6}; {@code n/a} when there is none. */
    static String loadAverage(Object values) {
        if (!(values instanceof java.util.List<?> list) || list.isEmpty()) {
            return "n/a";
        }
        return String.join(" / ", list.stream().map(String::valueOf).toList());
    }

    /** One Markdown table row: {@code | a | b | ... |}. */
    static void row(StringBuilder md, Object... cells) {
        for (var cell : cells) {
            md.append("| ").append(cell).append(' ');
        }
        md.append("|\n");
    }
}
