package dev.comanda.bench;

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

    /** Whether a marker is the local activity {@code RecordProgress} (its type is a JSON payload, base64 in history JSON). */
    static boolean recordsProgress(JsonNode marker) {
        var attributes = marker.get("markerRecordedEventAttributes");
        var payloads = attributes == null ? null : attributes.at("/details/type/payloads");
        if (payloads == null || !payloads.isArray()) {
            return false;
        }
        for (var payload : payloads) {
            var data = payload.get("data");
            if (data != null
                    && new String(Base64.getDecoder().decode(data.asString()), StandardCharsets.UTF_8)
                            .equals("\"" + RECORD_PROGRESS + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** Both spellings Temporal uses in JSON: {@code EVENT_TYPE_WORKFLOW_TASK_COMPLETED} and {@code WorkflowTaskCompleted}. */
    static String normalized(String eventType) {
        if (eventType.startsWith("EVENT_TYPE_")) {
            return eventType.substring("EVENT_TYPE_".length());
        }
        return eventType.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** Fetches and counts up to {@code sample} of the given orders' histories; means and maxima. */
    static Map<String, Object> sample(ComandaApi api, String opsToken, List<String> orderIds, int sample) {
        var ids = new ArrayList<>(orderIds);
        Collections.shuffle(ids);
        var counted = new ArrayList<Counts>();
        var failures = 0;
        for (var id : ids.subList(0, Math.min(sample, ids.size()))) {
            var reply = api.history(opsToken, id);
            if (reply.ok()) {
                counted.add(count(api.parse(reply.body())));
            } else {
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

    private static double mean(List<Counts> counts, java.util.function.ToIntFunction<Counts> field) {
        return Math.round(counts.stream().mapToInt(field).average().orElse(0) * 10) / 10.0;
    }
}
