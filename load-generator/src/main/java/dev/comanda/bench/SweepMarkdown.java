package dev.comanda.bench;

import java.util.List;
import java.util.Map;

/** A sweep's summary ({@link Sweep#summary}) as Markdown: one row per step, the ceiling, the half step. */
final class SweepMarkdown {

    private SweepMarkdown() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> summary) {
        var steps = (List<Map<String, Object>>) summary.get("steps");
        var md = new StringBuilder();
        md.append("### Sweep ").append(summary.get("run")).append("\n\n");
        md.append(String.format(
                "A step is SUSTAINED when, over its steady window, it settled at least %.0f %% of the offered rate"
                        + " and its orders in flight grew by at most max(%.0f, %.1f s of arrivals); OVER CAPACITY"
                        + " otherwise, with no throughput given; INVALID when its warm-up did not drain, the"
                        + " generator fell behind or the read model failed.%n%n",
                100 * StepVerdict.SUSTAINED_SHARE,
                StepVerdict.IN_FLIGHT_SLACK_ORDERS,
                StepVerdict.IN_FLIGHT_SLACK_SECONDS));
        md.append("| step | kind | offered/s | verdict | settled/s | placement p50 / p99 ms"
                + " | to CONFIRMED p50 / p99 ms | CPU ms per order | database statements (commits) per order"
                + " | floor orders/s | load avg before → after |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var step : steps) {
            var sustained = "SUSTAINED".equals(step.get("verdict"));
            cells(
                    md,
                    step.get("step"),
                    step.get("kind"),
                    Sweep.whole((double) step.get("offered_per_s")),
                    "**" + step.get("verdict").toString().replace('_', ' ') + "**",
                    sustained && step.get("settled_per_s") != null ? step.get("settled_per_s") : "—",
                    pair(step.get("placement_ms")),
                    pair(step.get("to_confirmed_ms")),
                    cpu(step.get("cpu_ms_per_order"), step.get("jit_ms_per_order")),
                    step.get("db_statements_per_order") == null
                            ? "—"
                            : step.get("db_statements_per_order") + " (" + step.get("db_commits_per_order") + ")",
                    orDash(step.get("floor_orders_per_s")),
                    load(step.get("load_average_before")) + " → " + load(step.get("load_average_after")));
        }
        md.append('\n');
        var max = summary.get("max_sustained_per_s");
        var unsustained = summary.get("first_unsustained_per_s");
        if (max == null) {
            md.append("**No rate was sustained**")
                    .append(unsustained == null ? "" : ": not even " + Sweep.whole((double) unsustained) + " orders/s")
                    .append(".\n");
        } else {
            md.append("**Maximum sustained rate: ")
                    .append(Sweep.whole((double) max))
                    .append(" orders/s**")
                    .append(
                            unsustained == null
                                    ? " (the highest rate tried: the ceiling is above it)"
                                    : " (lowest rate not sustained: " + Sweep.whole((double) unsustained)
                                            + " orders/s)")
                    .append(".\n");
        }
        var half = (Map<String, Object>) summary.get("half");
        if (half != null) {
            md.append("\n**At half of it, ")
                    .append(Sweep.whole((double) half.get("offered_per_s")))
                    .append(" orders/s: ")
                    .append(half.get("verdict").toString().replace('_', ' '))
                    .append("; placement p50 / p99 ")
                    .append(pair(half.get("placement_ms")))
                    .append(" ms; to CONFIRMED p50 / p99 ")
                    .append(pair(half.get("to_confirmed_ms")))
                    .append(" ms.**\n");
        }
        md.append("\nWhy each step got its verdict:\n");
        for (var step : steps) {
            md.append("- step ")
                    .append(step.get("step"))
                    .append(" (")
                    .append(step.get("kind"))
                    .append(", ")
                    .append(Sweep.whole((double) step.get("offered_per_s")))
                    .append("/s): ")
                    .append(
                            step.get("reasons") instanceof List<?> reasons
                                    ? String.join("; ", (List<String>) reasons)
                                    : "")
                    .append('\n');
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String pair(Object percentiles) {
        if (!(percentiles instanceof Map<?, ?> p) || p.get("p50") == null) {
            return "—";
        }
        return p.get("p50") + " / " + p.get("p99");
    }

    /** Each process's CPU per order, with the JIT compiler's share of it where there is one. */
    private static String cpu(Object perProcess, Object jitPerProcess) {
        if (!(perProcess instanceof Map<?, ?> m) || m.isEmpty()) {
            return "—";
        }
        var jit = jitPerProcess instanceof Map<?, ?> j ? j : Map.of();
        var parts = new StringBuilder();
        m.forEach((name, ms) -> parts.append(parts.isEmpty() ? "" : ", ")
                .append(name)
                .append(' ')
                .append(ms == null ? "n/a" : ms)
                .append(jit.get(name) == null ? "" : " (JIT " + jit.get(name) + ")"));
        return parts.toString();
    }

    private static String load(Object values) {
        return values instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.getFirst()) : "n/a";
    }

    private static Object orDash(Object value) {
        return value == null ? "—" : value;
    }

    private static void cells(StringBuilder md, Object... cells) {
        for (var cell : cells) {
            md.append("| ").append(cell).append(' ');
        }
        md.append("|\n");
    }
}
