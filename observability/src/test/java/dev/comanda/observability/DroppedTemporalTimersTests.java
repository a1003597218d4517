package dev.comanda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.MetricsType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DroppedTemporalTimersTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DroppedTemporalTimers reporter = new DroppedTemporalTimers(
            new MicrometerClientStatsReporter(registry), Set.of(MetricsType.TEMPORAL_REQUEST_LATENCY));

    @Test
    void aDroppedTimerNeverReachesTheRegistry() {
        reporter.reportTimer(MetricsType.TEMPORAL_REQUEST_LATENCY, java.util.Map.of(), Duration.ofMillis(3));

        assertThat(registry.find(MetricsType.TEMPORAL_REQUEST_LATENCY).timer()).isNull();
    }

    @Test
    void anyOtherTimerIsRecordedAsBefore() {
        reporter.reportTimer(
                io.temporal.worker.MetricsType.WORKFLOW_TASK_SCHEDULE_TO_START_LATENCY,
                java.util.Map.of("task_queue", "orders"),
                Duration.ofMillis(3));

        var timer = registry.find(io.temporal.worker.MetricsType.WORKFLOW_TASK_SCHEDULE_TO_START_LATENCY)
                .tag("task_queue", "orders")
                .timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void theCounterOfADroppedTimersCallStillCounts() {
        reporter.reportCounter(MetricsType.TEMPORAL_REQUEST, java.util.Map.of(), 2);

        assertThat(registry.find(MetricsType.TEMPORAL_REQUEST).counter()).isNotNull();
        assertThat(registry.find(MetricsType.TEMPORAL_REQUEST).counter().count())
                .isEqualTo(2);
    }
}
