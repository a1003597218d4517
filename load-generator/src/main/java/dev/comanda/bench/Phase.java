package dev.comanda.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase of a run: orders started on schedule (open loop) or by loops (closed loop), a progress line
 * and a sample of the counters every second, then the wait for the phase's orders to settle. The
 * warm-up's schedule and its end come from {@link WarmUp}; the measured phase offers the full rate for
 * its duration and waits at most {@code --drain} for its orders.
 */
final class Phase {

    /** How often a phase waiting for its orders looks at the in-flight count. */
    private static final long WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** How long past its deadline a phase waits for its order threads to return. */
    private static final long THREAD_GRACE_NANOS = TimeUnit.SECONDS.toNanos(70);

    /**
     * What a phase observed besides its {@link RunStats}.
     *
     * @param elapsedNanos from the first arrival until the phase's orders had ended
     * @param samples the counters once a second, from the first arrival
     * @param drained nothing was in flight and nothing had been given up when the phase ended
     * @param outcome how the phase ended, in the words the report prints
     */
    record Result(long elapsedNanos, List<StepVerdict.Sample> samples, boolean drained, String outcome) {}

    private final BenchOptions options;
    private final OrderFlow flow;
    private final Follower follower;

    Phase(BenchOptions options, OrderFlow flow, Follower follower) {
        this.options = options;
        this.flow = flow;
        this.follower = follower;
    }

    /** The warm-up: a ramp to the rate, then no arrivals until its backlog has drained or the bound passed. */
    Result warmUp(RunStats stats) throws InterruptedException {
        var ramp = options.warmup().toNanos() / 1e9;
        var warmUp = new WarmUp(options.rate(), ramp, options.drain().toNanos() / 1e9);
        if (options.openLoop()) {
            LoadGenerator.log(
                    "warm-up: %.1f → %.1f orders/s over %.0f s, then a drain of at most %ss",
                    warmUp.startRate(), options.rate(), ramp, options.drain().toSeconds());
        }
        return run(stats, "warm-up", (long) (ramp * 1e9), warmUp::dueSeconds, (seconds, inFlight, givenUp) -> {
            var state = warmUp.observe(seconds, inFlight, givenUp);
            return state == WarmUp.State.DRAINED || state == WarmUp.State.UNDRAINED
                    ? new End(state == WarmUp.State.DRAINED, warmUp.outcome())
                    : null;
        });
    }

    /** The measured phase: the full rate for {@code --duration}, then at most {@code --drain} for its orders. */
    Result measure(RunStats stats) throws InterruptedException {
        var length = options.duration().toNanos();
        var lengthSeconds = length / 1e9;
        var drainSeconds = options.drain().toNanos() / 1e9;
        return run(
                stats,
                "run",
                length,
                n -> options.openLoop() && n / options.rate() < lengthSeconds ? n / options.rate() : -1,
                (seconds, inFlight, givenUp) -> {
                    if (seconds < lengthSeconds) {
                        return null;
                    }
                    if (inFlight == 0) {
                        return new End(
                                givenUp == 0,
                                givenUp == 0
                                        ? String.format(
                                                "drained %.1f s after the last arrival", seconds - lengthSeconds)
                                        : givenUp + " orders given up at the drain bound");
                    }
                    return seconds >= lengthSeconds + drainSeconds
                            ? new End(false, inFlight + " orders still in flight at the drain bound")
                            : null;
                });
    }

    /** When a phase that has stopped arriving is over; null while it is not. */
    private interface Ending {
        End check(double seconds, long inFlight, long givenUp);
    }

    /** When the n-th arrival is due, in seconds from the phase's start; negative when arrivals are over. */
    private interface Schedule {
        double dueSeconds(long n);
    }

    private record End(boolean drained, String outcome) {}

    private Result run(RunStats stats, String label, long arrivalNanos, Schedule schedule, Ending ending)
            throws InterruptedException {
        var start = System.nanoTime();
        var stopArrivals = start + arrivalNanos;
        var deadline = stopArrivals + options.drain().toNanos();
        var samples = Collections.synchronizedList(new ArrayList<StepVerdict.Sample>());
        var progress = new Progress(stats, follower, start, label, samples);
        var ticker = Thread.ofPlatform().daemon().name("progress").start(progress::run);
        End end = null;
        try (var orders = Executors.newVirtualThreadPerTaskExecutor()) {
            if (options.openLoop()) {
                for (long i = 0; ; i++) {
                    var dueSeconds = schedule.dueSeconds(i);
                    if (dueSeconds < 0) {
                        break;
                    }
                    var due = start + (long) (dueSeconds * 1e9);
                    var wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    orders.submit(() -> flow.run(stats, due, deadline));
                }
            } else {
                var loops = options.concurrency();
                for (int i = 0; i < loops; i++) {
                    // A warm-up's loops join one by one over its first half: the closed loop's ramp.
                    var joinAt = label.equals("warm-up") ? start + arrivalNanos / 2 * i / loops : start;
                    orders.submit(() -> {
                        LockSupport.parkNanos(joinAt - System.nanoTime());
                        while (System.nanoTime() < stopArrivals) {
                            flow.run(stats, System.nanoTime(), deadline);
                        }
                    });
                }
            }
            while (end == null) {
                var now = System.nanoTime();
                end = ending.check((now - start) / 1e9, stats.inFlight.sum(), stats.unfinished.sum());
                if (end == null) {
                    LockSupport.parkNanos(WAIT_POLL_NANOS);
                }
            }
            orders.shutdown();
            orders.awaitTermination(
                    Math.max(1, deadline - System.nanoTime() + THREAD_GRACE_NANOS), TimeUnit.NANOSECONDS);
        } finally {
            progress.stop();
            ticker.join();
        }
        LoadGenerator.log("%s: %s", label, end.outcome());
        return new Result(System.nanoTime() - start, List.copyOf(samples), end.drained(), end.outcome());
    }

    /** The one-second progress line, and the sample of the counters taken with it. */
    private static final class Progress {
        private final RunStats stats;
        private final Follower follower;
        private final long start;
        private final String label;
        private final List<StepVerdict.Sample> samples;
        private volatile boolean running = true;

        Progress(RunStats stats, Follower follower, long start, String label, List<StepVerdict.Sample> samples) {
            this.stats = stats;
            this.follower = follower;
            this.start = start;
            this.label = label;
            this.samples = samples;
        }

        void run() {
            long placed = 0, settled = 0, completed = 0;
            var next = start;
            while (running) {
                next += TimeUnit.SECONDS.toNanos(1);
                LockSupport.parkNanos(next - System.nanoTime());
                var now = System.nanoTime();
                var sample = new StepVerdict.Sample(
                        (now - start) / 1e9, stats.started.sum(), stats.settled.sum(), stats.inFlight.sum());
                samples.add(sample);
                var p = stats.placed.sum();
                var d = stats.completed.sum();
                LoadGenerator.log(
                        "%s %3ds  placed %6d (%4d/s)  settled %6d (%4d/s)  completed %6d (%4d/s)  in flight %5d"
                                + "  place p99 %7.1f ms  shed %d  errors %d%s",
                        label,
                        (now - start) / 1_000_000_000L,
                        p,
                        p - placed,
                        sample.settled(),
                        sample.settled() - settled,
                        d,
                        d - completed,
                        sample.inFlight(),
                        RunStats.millis(stats.placement.getValueAtPercentile(99)),
                        stats.shed.sum(),
                        stats.errorCount(),
                        follower.failure() == null ? "" : "  (read model: " + follower.failure() + ")");
                placed = p;
                settled = sample.settled();
                completed = d;
            }
        }

        void stop() {
            running = false;
        }
    }
}
