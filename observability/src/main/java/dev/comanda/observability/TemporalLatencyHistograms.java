package dev.comanda.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.temporal.worker.MetricsType;
import java.time.Duration;
import java.util.List;

/**
 * Histogram buckets for the Temporal SDK's latency timers ({@code temporal_*_latency}), so Prometheus
 * can take percentiles of schedule-to-start — the backlog signal that says workers must scale — and of
 * execution and request latency. The SDK reports plain timers (count, sum, max) otherwise. Their names
 * have no dots, so {@code management.metrics.distribution.*} properties cannot match them by prefix.
 */
final class TemporalLatencyHistograms implements MeterFilter {

    private static final String LATENCY_SUFFIX = "_latency";

    private final double[] bucketNanos;

    TemporalLatencyHistograms(List<Duration> buckets) {
        this.bucketNanos = buckets.stream().mapToDouble(Duration::toNanos).toArray();
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER
                || !id.getName().startsWith(MetricsType.TEMPORAL_METRICS_PREFIX)
                || !id.getName().endsWith(LATENCY_SUFFIX)) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(bucketNanos)
                .build()
                .merge(config);
    }
}
