package dev.comanda.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of virtual threads, each doing one item after another, for a warm-up and then a measured
 * part: the items finished and the named processes' CPU are taken over the measured part only. Closed loop,
 * so the rate is the most the system under test takes at that concurrency.
 */
final class ClosedLoop {

    /** One unit of work, done when it returns; an exception counts as an error. */
    interface Item {
        void run() throws Exception;
    }

    /**
     * What the measured part saw.
     *
     * @param cpuNanos CPU used by each named process over it; a process that could not be read is absent
     */
    record Result(
            long completed,
            long errors,
            String lastError,
            double seconds,
            Map<String, Long> cpuNanos,
            List<Double> loadBefore,
            List<Double> loadAfter) {}

    /** After a failed item: a server refusing work answers at once, and a loop without a pause would spin. */
    private static final Duration ERROR_PAUSE = Duration.ofMillis(50);
    /** How long items still running at the end get to finish before their threads are interrupted. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private ClosedLoop() {}

    static Result run(int concurrency, Duration warmup, Duration duration, Map<String, Long> pids, Item item)
            throws InterruptedException {
        var measuring = new AtomicBoolean();
        var stop = new AtomicBoolean();
        var completed = new LongAdder();
        var errors = new LongAdder();
        var lastError = new AtomicReference<String>();
        var loadBefore = ProcessCpu.loadAverage();
        var threads = new ArrayList<Thread>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().name("floor-client-" + i).start(() -> {
                while (!stop.get()) {
                    try {
                        item.run();
                        if (measuring.get()) {
                            completed.increment();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        if (stop.get()) {
                            return; // interrupted at the end: not an error of the system under test
                        }
                        if (measuring.get()) {
                            errors.increment();
                        }
                        lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                        LockSupport.parkNanos(ERROR_PAUSE.toNanos());
                    }
                }
            }));
        }
        Thread.sleep(warmup);
        var before = ProcessCpu.sample(pids);
        var start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(duration);
        measuring.set(false);
        var after = ProcessCpu.sample(pids);
        var seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        var deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (var thread : threads) {
            var left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                thread.interrupt();
            }
        }
        for (var thread : threads) {
            thread.join(STOP_GRACE);
        }
        return new Result(
                completed.sum(),
                errors.sum(),
                lastError.get(),
                seconds,
                Map.copyOf(ProcessCpu.used(before, after)),
                loadBefore,
                ProcessCpu.loadAverage());
    }
}
