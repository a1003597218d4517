package dev.comanda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep's side of bench/run.sh, which runs one generator per step into
 * {@code <run>/step-NN-KIND-RATE/} (KIND: {@code probe} of a search, {@code rate} of a fixed list,
 * {@code half} for the latency at half the maximum):
 * <ul>
 *   <li>{@code next DIR LOW HIGH}: prints the next rate the search should probe, nothing when it is over;
 *   <li>{@code half DIR}: prints half the maximum sustained rate, nothing without one;
 *   <li>{@code summary DIR}: writes {@code sweep.json} and {@code sweep.md} and prints the Markdown.
 * </ul>
 */
public final class Sweep {

    private static final Pattern STEP = Pattern.compile("step-(\\d+)-(probe|rate|half)-([0-9.]+)");

    /** One step as its report tells it; {@code report} is null when the generator wrote none. */
    record Step(int number, String kind, double rate, JsonNode report) {
        StepVerdict.Verdict verdict() {
            return report == null || !report.has("verdict")
                    ? StepVerdict.Verdict.INVALID
                    : StepVerdict.Verdict.valueOf(
                            report.get("verdict").get("verdict").asString());
        }

        Bisection.Probe probe() {
            return new Bisection.Probe(rate, verdict());
        }
    }

    private Sweep() {}

    public static void main(String[] args) throws IOException {
        var steps = steps(Path.of(args[1]));
        switch (args[0]) {
            case "next" ->
                Bisection.next(Double.parseDouble(args[2]), Double.parseDouble(args[3]), probes(steps, "probe"))
                        .ifPresent(rate -> System.out.println(whole(rate)));
            case "half" -> Bisection.half(probes(steps, null)).ifPresent(rate -> System.out.println(whole(rate)));
            case "summary" -> System.out.print(write(Path.of(args[1]), steps));
            default -> throw new IllegalArgumentException("next DIR LOW HIGH | half DIR | summary DIR");
        }
    }

    /** The probes that bear on the ceiling: those of {@code kind}, or every step but the half one. */
    static List<Bisection.Probe> probes(List<Step> steps, String kind) {
        return steps.stream()
                .filter(s -> kind == null ? !s.kind().equals("half") : s.kind().equals(kind))
                .map(Step::probe)
                .toList();
    }

    static List<Step> steps(Path dir) throws IOException {
        var json = JsonMapper.builder().build();
        var steps = new ArrayList<Step>();
        if (!Files.isDirectory(dir)) {
            return steps;
        }
        try (var children = Files.list(dir)) {
            for (var child : children.toList()) {
                var m = STEP.matcher(child.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                var reportFile = child.resolve("report.json");
                var report = Files.exists(reportFile) ? json.readTree(reportFile.toFile()) : null;
                steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2), Double.parseDouble(m.group(3)), report));
            }
        }
        steps.sort(Comparator.comparingInt(Step::number));
        return steps;
    }

    /** Writes sweep.json and sweep.md into {@code dir}; answers the Markdown. */
    static String write(Path dir, List<Step> steps) throws IOException {
        var summary = summary(dir.getFileName().toString(), steps);
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("sweep.json"),
                JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(summary));
        var markdown = SweepMarkdown.render(summary);
        Files.writeString(dir.resolve("sweep.md"), markdown);
        return markdown;
    }

    /** The sweep's figures: each step's verdict and latency, the maximum sustained rate and the half step. */
    static Map<String, Object> summary(String name, List<Step> steps) {
        var rows = new ArrayList<Map<String, Object>>();
        for (var step : steps) {
            var row = new LinkedHashMap<String, Object>();
            row.put("step", step.number());
            row.put("kind", step.kind());
            row.put("offered_per_s", step.rate());
            row.put("verdict", step.verdict().name());
            var r = step.report();
            if (r == null) {
                row.put("reasons", List.of("the generator wrote no report"));
                rows.add(row);
                continue;
            }
            row.put("reasons", value(r.path("verdict").path("reasons")));
            // Only a sustained step has a throughput; the report leaves it out of every other.
            if (r.has("throughput")) {
                row.put("settled_per_s", value(r.get("throughput").path("settled_per_s")));
            }
            row.put("placement_ms", percentiles(r.path("latency").path("placement")));
            row.put("to_confirmed_ms", percentiles(r.path("latency").path("to_confirmed")));
            var cpu = new LinkedHashMap<String, Object>();
            var jit = new LinkedHashMap<String, Object>();
            r.path("cpu").properties().forEach(e -> {
                cpu.put(e.getKey(), value(e.getValue().path("ms_per_order")));
                if (e.getValue().has("jit_ms_per_order")) {
                    jit.put(e.getKey(), value(e.getValue().get("jit_ms_per_order")));
                }
            });
            row.put("cpu_ms_per_order", cpu);
            row.put("jit_ms_per_order", jit);
            row.put("db_statements_per_order", value(r.path("database").path("statements_per_order")));
            row.put("db_commits_per_order", value(r.path("database").path("commits_per_order")));
            row.put("floor_orders_per_s", value(r.path("floor").path("orders_per_s")));
            row.put("load_average_before", value(r.path("environment").path("load_average_before")));
            row.put("load_average_after", value(r.path("environment").path("load_average_after")));
            rows.add(row);
        }
        var bracket = Bisection.bracket(probes(steps, null));
        var m = new LinkedHashMap<String, Object>();
        m.put("run", name);
        m.put("steps", rows);
        m.put(
                "max_sustained_per_s",
                bracket.sustained().isPresent() ? bracket.sustained().getAsDouble() : null);
        m.put(
                "first_unsustained_per_s",
                bracket.unsustained().isPresent() ? bracket.unsustained().getAsDouble() : null);
        m.put(
                "half",
                rows.stream()
                        .filter(r -> "half".equals(r.get("kind")))
                        .reduce((a, b) -> b)
                        .orElse(null));
        m.put(
                "rules",
                Map.of(
                        "settled_share_at_least", StepVerdict.SUSTAINED_SHARE,
                        "in_flight_growth_at_most_orders", StepVerdict.IN_FLIGHT_SLACK_ORDERS,
                        "in_flight_growth_at_most_seconds_of_arrivals", StepVerdict.IN_FLIGHT_SLACK_SECONDS,
                        "bisection_resolution_share", Bisection.RESOLUTION_SHARE,
                        "bisection_ceiling_probes", Bisection.CEILING_PROBES));
        return m;
    }

    private static Map<String, Object> percentiles(JsonNode latency) {
        var m = new LinkedHashMap<String, Object>();
        m.put("p50", value(latency.path("p50_ms")));
        m.put("p99", value(latency.path("p99_ms")));
        return m;
    }

    /** A report's JSON value as a plain number, text or list; null where the report has none. */
    private static Object value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
            node.forEach(child -> list.add(value(child)));
            return list;
        }
        return node.asString();
    }

    static String whole(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
