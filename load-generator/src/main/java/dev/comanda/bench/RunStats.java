package dev.comanda.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one phase of a run observed: latency histograms (microseconds), outcome counters and errors by kind. */
final class RunStats {

    /** Longest latency a histogram tracks exactly; longer ones are clamped to it. */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);

    private static final int SIGNIFICANT_DIGITS = 3;

    final Histogram placement = histogram();
    final Histogram confirmation = histogram();
    final Histogram completion = histogram();
    final LongAdder started = new LongAdder();
    final LongAdder placed = new LongAdder();
    /** Placements the API shed with 503 (admission control, fail-fast): counted apart, never as errors. */
    final LongAdder shed = new LongAdder();

    private final Map<String, LongAdder> shedReasons = new ConcurrentHashMap<>();

    final LongAdder confirmed = new LongAdder();
    /** Orders that got their answer: seen CONFIRMED or later, or REJECTED/CANCELLED before that. */
    final LongAdder settled = new LongAdder();
    /** Orders started and not yet ended: placing, waiting for their answer, or in the kitchen. */
    final LongAdder inFlight = new LongAdder();

    final LongAdder completed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder unfinished = new LongAdder();
    final long startNanos = System.nanoTime();
    private final AtomicLong lastConfirmedNanos = new AtomicLong(startNanos);
    private final AtomicLong lastCompletedNanos = new AtomicLong(startNanos);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> completedIds = new ConcurrentHashMap<>();

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    void confirmedAt(long nanos) {
        confirmed.increment();
        lastConfirmedNanos.accumulateAndGet(nanos, Math::max);
    }

    void completedAt(long nanos) {
        lastCompletedNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Seconds from the phase's start until the last confirmation seen. */
    double confirmingSeconds() {
        return (lastConfirmedNanos.get() - startNanos) / 1e9;
    }

    /** Seconds from the phase's start until the last completion seen. */
    double completingSeconds() {
        return (lastCompletedNanos.get() - startNanos) / 1e9;
    }

    /** A placement shed with 503 for {@code reason} (its problem's reason or dependency). */
    void shed(String reason) {
        shed.increment();
        shedReasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    Map<String, Long> shedReasons() {
        var sorted = new TreeMap<String, Long>();
        shedReasons.forEach((reason, count) -> sorted.put(reason, count.sum()));
        return sorted;
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errors() {
        var sorted = new TreeMap<String, Long>();
        errors.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }

    /** Orders followed to where the run stops following them: the candidates for the history sample. */
    void sampleOrder(String orderId) {
        completedIds.put(orderId, orderId);
    }

    java.util.List<String> sampleOrders() {
        return java.util.List.copyOf(completedIds.keySet());
    }

    /** p50/p95/p99/max and the count of a histogram, in milliseconds. */
    static Map<String, Object> percentiles(Histogram h) {
        var m = new LinkedHashMap<String, Object>();
        m.put("count", h.getTotalCount());
        m.put("p50_ms", millis(h.getValueAtPercentile(50)));
        m.put("p95_ms", millis(h.getValueAtPercentile(95)));
        m.put("p99_ms", millis(h.getValueAtPercentile(99)));
        m.put("max_ms", millis(h.getMaxValue()));
        m.put("mean_ms", Math.round(h.getMean() / 10.0) / 100.0);
        return m;
    }

    static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(MAX_MICROS, SIGNIFICANT_DIGITS);
    }
}
