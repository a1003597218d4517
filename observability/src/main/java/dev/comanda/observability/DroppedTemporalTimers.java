package dev.comanda.observability;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The Temporal SDK's metrics reporter less the timers nobody reads. The SDK records a timer through its
 * reporter on every call (every RPC, task, activity and local activity), and the Micrometer reporter
 * looks the timer up in the registry each time, tags and histogram buckets included: a few percent of
 * a worker's CPU (docs/benchmarks-log.md, "Where the cost goes"). Timers named in {@code dropped} are not
 * reported at all; every other meter, and every counter and gauge, goes to {@code delegate} unchanged.
 */
public final class DroppedTemporalTimers implements StatsReporter {

    private final StatsReporter delegate;
    private final Set<String> dropped;

    public DroppedTemporalTimers(StatsReporter delegate, Set<String> dropped) {
        this.delegate = delegate;
        this.dropped = Set.copyOf(dropped);
    }

    @Override
    public void reportTimer(String name, Map<String, String> tags, Duration interval) {
        if (!dropped.contains(name)) {
            delegate.reportTimer(name, tags, interval);
        }
    }

    @Override
    public void reportHistogramValueSamples(
            String name,
            Map<String, String> tags,
            Buckets buckets,
            double bucketLowerBound,
            double bucketUpperBound,
            long samples) {
        if (!dropped.contains(name)) {
            delegate.reportHistogramValueSamples(name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
        }
    }

    @Override
    public void reportHistogramDurationSamples(
            String name,
            Map<String, String> tags,
            Buckets buckets,
            Duration bucketLowerBound,
            Duration bucketUpperBound,
            long samples) {
        if (!dropped.contains(name)) {
            delegate.reportHistogramDurationSamples(name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
        }
    }

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
        delegate.reportCounter(name, tags, value);
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {
        delegate.reportGauge(name, tags, value);
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
