package dev.comanda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The server floor's figures: {@code server-floor.json} and the same as Markdown in {@code server-floor.md}. */
final class ServerFloorReport {

    /** What this JVM's CPU is, where it is given: the cost of the SDK at its leanest. */
    static final String THIS_JVM_IS = "the client's starts and the SDK worker running the workflows"
            + " and activities (the floor of the SDK's cost, not the server's)";

    private ServerFloorReport() {}

    /** One shape's figures; {@code withWorker}: its workflows ran in this JVM, so this JVM's CPU is given. */
    static Map<String, Object> shape(
            String name,
            String counted,
            String queue,
            ServerFloorOptions options,
            ClosedLoop.Result result,
            boolean withWorker) {
        var m = new LinkedHashMap<String, Object>();
        m.put("shape", name);
        m.put("counted", counted);
        m.put("task_queue", queue);
        m.put("concurrency", options.concurrency());
        m.put("warmup_s", Report.round(options.warmup().toMillis() / 1e3));
        m.put("duration_s", Report.round(result.seconds()));
        m.put("completed", result.completed());
        m.put("errors", result.errors());
        if (result.lastError() != null) {
            m.put("last_error", result.lastError());
        }
        m.put("per_s", Report.rate(result.completed(), result.seconds()));
        cpu(m, "server", result, ServerFloor.SERVER, "--server-pid not given or its /proc/<pid>/stat not readable");
        if (withWorker) {
            cpu(m, "this_jvm", result, ServerFloor.THIS_JVM, "its /proc/<pid>/stat not readable");
        }
        m.put("load_average_before", result.loadBefore());
        m.put("load_average_after", result.loadAfter());
        return m;
    }

    private static void cpu(
            Map<String, Object> m, String prefix, ClosedLoop.Result result, String process, String whyMissing) {
        var used = result.cpuNanos().get(process);
        if (used == null) {
            m.put(prefix + "_cpu_ms_per_item", null);
            m.put(prefix + "_cpu_missing", whyMissing);
            return;
        }
        m.put(
                prefix + "_cpu_ms_per_item",
                result.completed() > 0 ? Report.round(used / 1e6 / result.completed()) : null);
        m.put(prefix + "_cores_busy", Report.round(used / 1e9 / result.seconds()));
    }

    static Report.Written write(ServerFloorOptions options, String run, List<Map<String, Object>> shapes)
            throws IOException {
        var report = new LinkedHashMap<String, Object>();
        var env = new LinkedHashMap<String, Object>();
        env.put("run", run);
        env.put("finished_at", Instant.now().toString());
        env.put("temporal", options.temporal());
        env.put("namespace", options.namespace());
        env.put("grpc_compression", options.grpcCompression().name());
        env.put(
                "server_pid",
                options.serverPid().isPresent() ? options.serverPid().getAsLong() : null);
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.version"));
        env.put("this_jvm", THIS_JVM_IS);
        report.put("environment", env);
        report.put("shapes", shapes);
        Files.createDirectories(options.out());
        var jsonPath = options.out().resolve("server-floor.json");
        var markdownPath = options.out().resolve("server-floor.md");
        Files.writeString(
                jsonPath,
                JsonMapper.builder()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(report));
        var markdown = render(report);
        Files.writeString(markdownPath, markdown);
        return new Report.Written(jsonPath, markdownPath, markdown);
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        var env = (Map<String, Object>) report.get("environment");
        var md = new StringBuilder();
        md.append("### Temporal server floor, run ").append(env.get("run")).append("\n\n");
        md.append("- ")
                .append(env.get("temporal"))
                .append(", namespace ")
                .append(env.get("namespace"))
                .append(", gRPC compression ")
                .append(env.get("grpc_compression"))
                .append(", server pid ")
                .append(env.get("server_pid") == null ? "not given (no server CPU)" : env.get("server_pid"))
                .append("; ")
                .append(env.get("cores"))
                .append(" cores, Java ")
                .append(env.get("java"))
                .append(", finished ")
                .append(env.get("finished_at"))
                .append('\n');
        md.append("- closed loop: each shape on task queues of its own, a warm-up, then the measured part;"
                        + " CPU per item over the measured part only. This JVM's CPU: ")
                .append(env.get("this_jvm"))
                .append(".\n\n");
        md.append("| shape | counted | clients | measured s | completed | per second | server CPU ms per item"
                + " (cores busy) | this JVM's CPU ms per item (cores busy) | errors | load average before → after |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (var shape : (List<Map<String, Object>>) report.get("shapes")) {
            ReportMarkdown.row(
                    md,
                    shape.get("shape"),
                    shape.get("counted"),
                    shape.get("concurrency"),
                    shape.get("duration_s"),
                    shape.get("completed"),
                    shape.get("per_s"),
                    cpu(shape, "server"),
                    shape.containsKey("this_jvm_cpu_ms_per_item") ? cpu(shape, "this_jvm") : "—",
                    shape.get("errors")
                            + (shape.containsKey("last_error") ? " (last: " + shape.get("last_error") + ")" : ""),
                    ReportMarkdown.loadAverage(shape.get("load_average_before")) + " → "
                            + ReportMarkdown.loadAverage(shape.get("load_average_after")));
        }
        return md.toString();
    }

    private static String cpu(Map<String, Object> shape, String prefix) {
        if (shape.containsKey(prefix + "_cpu_missing")) {
            return "not measured: " + shape.get(prefix + "_cpu_missing");
        }
        var perItem = shape.get(prefix + "_cpu_ms_per_item");
        return (perItem == null ? "n/a (none completed)" : perItem.toString()) + " ("
                + shape.get(prefix + "_cores_busy") + ")";
    }
}
