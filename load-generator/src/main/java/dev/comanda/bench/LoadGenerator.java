package dev.comanda.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark: sets up a tenant with products, runs a warm-up and a measured phase of orders (open
 * loop at {@code --rate}, or closed loop with {@code --concurrency} orders in flight), follows every order
 * to its end, samples workflow histories, reads the named processes' CPU, runs the JDBC floor, and writes
 * {@code report.json} and {@code report.md}. A command, never a test: nothing here asserts a timing.
 */
public final class LoadGenerator {

    private static final int PRODUCTS = 10;
    private static final int STOCK_PER_PRODUCT = 1_000_000;

    private final BenchOptions options;
    private final ComandaApi api;
    private final String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);

    private LoadGenerator(BenchOptions options) {
        this.options = options;
        this.api = new ComandaApi(options.api(), JsonMapper.builder().build());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadGenerator(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        var tenant = setUp();
        log("tenant %s ready with %d products; %s", tenant.id(), PRODUCTS, describeLoad());
        var report = new LinkedHashMap<String, Object>();
        try (var follower = new Follower(options.dbUrl(), options.dbUser(), options.dbPassword(), options.poll())) {
            var flow = new OrderFlow(api, follower, tenant, options, runId);
            if (!options.warmup().isZero()) {
                log("warm-up %ss", options.warmup().toSeconds());
                phase(flow, follower, new RunStats(), options.warmup().toNanos(), false);
            }
            var idle = idleCpu();
            log("measuring %ss", options.duration().toSeconds());
            var cpuBefore = ProcessCpu.sample(options.pids());
            var stats = new RunStats();
            var elapsedNanos = phase(flow, follower, stats, options.duration().toNanos(), true);
            var cpuAfter = ProcessCpu.sample(options.pids());
            report.putAll(Report.load(options, stats, options.duration().toNanos() / 1e9, elapsedNanos / 1e9));
            report.put("cpu", Report.cpu(cpuBefore, cpuAfter, idle, stats, elapsedNanos / 1e9));
            log(
                    "counting %d workflow histories",
                    Math.min(options.historySample(), stats.sampleOrders().size()));
            report.put(
                    "history",
                    HistoryCost.sample(
                            api,
                            tenant.ops(),
                            stats.sampleOrders(),
                            options.historySample(),
                            options.out().resolve("history-example.json")));
        }
        if (options.floorOrders() > 0) {
            log("JDBC floor: %d orders on %d threads", options.floorOrders(), options.floorThreads());
            var floor = new JdbcFloor(
                    options.dbUrl(),
                    options.dbUser(),
                    options.dbPassword(),
                    tenant.id(),
                    tenant.skus(),
                    options.kitchen());
            try {
                report.put("floor", Report.floor(floor.run(options.floorOrders(), options.floorThreads()), report));
            } catch (IllegalStateException e) {
                log("the floor failed: %s", e.getMessage());
                report.put("floor", Map.of("error", e.getMessage()));
            }
        }
        report.put("environment", Report.environment(options, runId, tenant.id()));
        var files = Report.write(options.out(), report);
        System.out.println();
        System.out.println(files.markdown());
        log("wrote %s and %s", files.jsonPath(), files.markdownPath());
    }

    /**
     * Cores each named process burns with no orders at all (JIT, GC, pollers, pings), over a quiet
     * window before the measured phase, so the report can tell the fixed cost from the cost per order.
     */
    private Map<String, Double> idleCpu() {
        if (options.pids().isEmpty() || options.idle().isZero()) {
            return Map.of();
        }
        log("idle %ss: CPU with no orders", options.idle().toSeconds());
        var before = ProcessCpu.sample(options.pids());
        var start = System.nanoTime();
        LockSupport.parkNanos(options.idle().toNanos());
        var after = ProcessCpu.sample(options.pids());
        var seconds = (System.nanoTime() - start) / 1e9;
        var idle = new java.util.LinkedHashMap<String, Double>();
        before.forEach((name, cpu) -> {
            if (after.containsKey(name)) {
                idle.put(name, (after.get(name) - cpu) / 1e9 / seconds);
            }
        });
        return idle;
    }

    private OrderFlow.Tenant setUp() {
        var tenantId = runId;
        var tokens = api.createTenant(options.operatorKey(), tenantId);
        var skus = new ArrayList<String>();
        for (int i = 1; i <= PRODUCTS; i++) {
            var sku = "BENCH-" + i;
            api.createProduct(tokens.get("admin"), sku, 1000L + i * 100, STOCK_PER_PRODUCT);
            skus.add(sku);
        }
        return new OrderFlow.Tenant(
                tenantId, tokens.get("customer"), tokens.get("kitchen"), tokens.get("ops"), List.copyOf(skus));
    }

    /**
     * Runs orders for {@code lengthNanos}, then waits for them to end (at most {@code --drain}); prints a
     * progress line every second. Answers the time from the first order until the last one ended.
     */
    private long phase(OrderFlow flow, Follower follower, RunStats stats, long lengthNanos, boolean measured)
            throws InterruptedException {
        var start = System.nanoTime();
        var stopArrivals = start + lengthNanos;
        var deadline = stopArrivals + options.drain().toNanos();
        var progress = new Progress(stats, follower, start, measured);
        var ticker = Thread.ofPlatform().daemon().name("progress").start(progress::run);
        try (var orders = Executors.newVirtualThreadPerTaskExecutor()) {
            if (options.openLoop()) {
                var interval = (long) (1e9 / options.rate());
                for (long i = 0; ; i++) {
                    var due = start + i * interval;
                    if (due >= stopArrivals) {
                        break;
                    }
                    var wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    orders.submit(() -> flow.run(stats, due, deadline));
                }
            } else {
                for (int i = 0; i < options.concurrency(); i++) {
                    orders.submit(() -> {
                        while (System.nanoTime() < stopArrivals) {
                            flow.run(stats, System.nanoTime(), deadline);
                        }
                    });
                }
            }
            orders.shutdown();
            orders.awaitTermination(
                    Math.max(1, deadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(70)), TimeUnit.NANOSECONDS);
        } finally {
            progress.stop();
            ticker.join();
        }
        return System.nanoTime() - start;
    }

    private String describeLoad() {
        var mix = options.mix();
        return (options.openLoop()
                        ? "open loop at " + options.rate() + " orders/s"
                        : "closed loop with " + options.concurrency() + " orders in flight")
                + String.format(
                        ", mix pix=%.2f cash=%.2f decline=%.2f cancel=%.2f basket=%d-%d, kitchen=%s",
                        mix.pix(),
                        mix.cash(),
                        mix.decline(),
                        mix.cancel(),
                        mix.minItems(),
                        mix.maxItems(),
                        options.kitchen());
    }

    static void log(String format, Object... args) {
        System.out.println("[" + Instant.now().toString().substring(11, 19) + "] " + String.format(format, args));
    }

    /** The one-second progress line. */
    private static final class Progress {
        private final RunStats stats;
        private final Follower follower;
        private final long start;
        private final String label;
        private volatile boolean running = true;

        Progress(RunStats stats, Follower follower, long start, boolean measured) {
            this.stats = stats;
            this.follower = follower;
            this.start = start;
            this.label = measured ? "run" : "warm-up";
        }

        void run() {
            long placed = 0, confirmed = 0, completed = 0;
            while (running) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                var p = stats.placed.sum();
                var c = stats.confirmed.sum();
                var d = stats.completed.sum();
                log(
                        "%s %3ds  placed %6d (%4d/s)  confirmed %6d (%4d/s)  completed %6d (%4d/s)  in flight %5d"
                                + "  place p99 %7.1f ms  errors %d%s",
                        label,
                        (System.nanoTime() - start) / 1_000_000_000L,
                        p,
                        p - placed,
                        c,
                        c - confirmed,
                        d,
                        d - completed,
                        follower.watching(),
                        RunStats.millis(stats.placement.getValueAtPercentile(99)),
                        stats.errorCount(),
                        follower.failure() == null ? "" : "  (read model: " + follower.failure() + ")");
                placed = p;
                confirmed = c;
                completed = d;
            }
        }

        void stop() {
            running = false;
        }
    }
}
