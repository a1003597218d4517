package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
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
}
