package dev.comanda.observability;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which of the Temporal SDK's timers an app exports ({@code temporal_*_latency}).
 *
 * @param droppedTimers SDK timers not reported at all ({@code COMANDA_WORKER_SDK_DROPPED_TIMERS} in the
 *     workers, {@code COMANDA_API_SDK_DROPPED_TIMERS} in the API; comma separated, empty keeps every one).
 *     The defaults are timers no alert or dashboard reads and that are recorded many times per order: per
 *     RPC and long poll (the only ones an API, a client and no worker, records), the end-to-end twins of
 *     the execution timers, replay and total task time. Kept: schedule-to-start and execution latency of workflow
 *     tasks, activities and local activities, and the workflow's end-to-end latency.
 * @param reportInterval how often the SDK's counters and gauges are handed to Micrometer (the starter's 10 s)
 */
@ConfigurationProperties("comanda.sdk-metrics")
public record SdkMetricsProperties(
        @DefaultValue({
            "temporal_request_latency",
            "temporal_long_request_latency",
            "temporal_workflow_task_execution_total_latency",
            "temporal_workflow_task_replay_latency",
            "temporal_activity_succeed_endtoend_latency",
            "temporal_local_activity_succeed_endtoend_latency"
        })
        List<String> droppedTimers,

        @DefaultValue("10s") Duration reportInterval) {

    public SdkMetricsProperties {
        droppedTimers = droppedTimers == null
                ? List.of()
                : droppedTimers.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
