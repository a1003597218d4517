package dev.comanda.bench;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.ComandaClientException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What orders cost the Temporal service, counted in their workflow histories (read through
 * {@code GET /api/v1/orders/{id}/history}): events and workflow tasks per order, in total and up to the
 * write of CONFIRMED to the read model (the first {@code RecordProgress} local-activity marker).
 */
final class HistoryCost {

    /** One history's counts. */
    record Counts(int events, int workflowTasks, int eventsToConfirmed, int workflowTasksToConfirmed) {}

    /** The read model's local activity that writes a status change (OrderReadModelActivities#recordProgress). */
    static final String RECORD_PROGRESS = "RecordProgress";

    private HistoryCost() {}

    static Counts count(JsonNode history) {
        var events = history.get("events");
        int total = 0;
        int tasks = 0;
        int toConfirmed = -1;
        int tasksToConfirmed = -1;
        for (var event : events) {
            var type = normalized(event.get("eventType").asString());
            total++;
            if (type.equals("WORKFLOW_TASK_COMPLETED")) {
                tasks++;
            }
            if (toConfirmed < 0 && type.equals("MARKER_RECORDED") && recordsProgress(event)) {
                // An order's first progress write is its CONFIRMED (or its rejection): placed, reserved,
                // charged and committed are batched into it.
                toConfirmed = total;
                tasksToConfirmed = tasks;
            }
        }
        return new Counts(
                total, tasks, toConfirmed < 0 ? total : toConfirmed, tasksToConfirmed < 0 ? tasks : tasksToConfirmed);
    }

    /**
     * Whether a marker is the local activity {@code RecordProgress}. Where the SDK keeps the activity type in
     * the marker, and whether payloads show as base64, differs between versions and JSON renderings, so
     * every text in the marker is looked at, decoded from base64 when it is that.
     */
    static boolean recordsProgress(JsonNode marker) {
        var found = new boolean[1];
        visitText(
                marker,
                text -> found[0] |=
                        text.contains(RECORD_PROGRESS) || decoded(text).contains(RECORD_PROGRESS));
        return found[0];
    }

    private static void visitText(JsonNode node, java.util.function.Consumer<String> visitor) {
        if (node.isString()) {
            visitor.accept(node.asString());
        }
        for (var child : node) {
            visitText(child, visitor);
        }
    }

    private static String decoded(String text) {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Both spellings Temporal uses in JSON: {@code EVENT_TYPE_WORKFLOW_TASK_COMPLETED} and {@code WorkflowTaskCompleted}. */
    static String normalized(String eventType) {
        if (eventType.startsWith("EVENT_TYPE_")) {
            return eventType.substring("EVENT_TYPE_".length());
        }
        return eventType.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Fetches and counts up to {@code sample} of the given orders' histories; means and maxima. */
    static Map<String, Object> sample(
            ComandaClient api, String opsToken, List<String> orderIds, int sample, java.nio.file.Path example) {
        var orders = api.withToken(opsToken).orders();
        var ids = new ArrayList<>(orderIds);
        Collections.shuffle(ids);
        var counted = new ArrayList<Counts>();
        var failures = 0;
        for (var id : ids.subList(0, Math.min(sample, ids.size()))) {
            try {
                var history = orders.history(id);
                if (counted.isEmpty()) {
                    writeExample(example, history.toString());
                }
                counted.add(count(history));
            } catch (ComandaClientException e) {
                failures++;
            }
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("orders_sampled", counted.size());
        result.put("fetch_failures", failures);
        if (!counted.isEmpty()) {
            result.put("events_per_order", mean(counted, Counts::events));
            result.put("workflow_tasks_per_order", mean(counted, Counts::workflowTasks));
            result.put("events_to_confirmed", mean(counted, Counts::eventsToConfirmed));
            result.put("workflow_tasks_to_confirmed", mean(counted, Counts::workflowTasksToConfirmed));
            result.put(
                    "events_max",
                    counted.stream().mapToInt(Counts::events).max().orElse(0));
        }
        return result;
    }

    /** One sampled history kept next to the report, to see what the counts count. */
    private static void writeExample(java.nio.file.Path example, String json) {
        try {
            java.nio.file.Files.createDirectories(example.getParent());
            java.nio.file.Files.writeString(example, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double mean(List<Counts> counts, java.util.function.ToIntFunction<Counts> field) {
        return Math.round(counts.stream().mapToInt(field).average().orElse(0) * 10) / 10.0;
    }
}
