package dev.comanda.bench;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.ProductRequests.NewProduct;
import dev.comanda.client.Tenants.NewTenant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark: sets up a tenant with products, runs a warm-up and a measured phase of orders (open
 * loop at {@code --rate}, or closed loop with {@code --concurrency} orders in flight), follows every order
 * to its end, samples workflow histories, reads the named processes' CPU, runs the JDBC floor, and writes
 * {@code report.json} and {@code report.md}. A command, never a test: nothing here asserts a timing.
 */
public final class LoadGenerator {

    private static final int PRODUCTS = 10;
    private static final int STOCK_PER_PRODUCT = 1_000_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long, so that a slow answer is measured as slow rather than counted as an error. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final ComandaClient api;
    private final String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);

    private LoadGenerator(BenchOptions options) {
        this.options = options;
        this.api = ComandaClient.builder(URI.create(options.api()))
                .connectTimeout(CONNECT_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
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
        var loadBefore = ProcessCpu.loadAverage();
        var tenant = setUp();
        log("tenant %s ready with %d products; %s", tenant.id(), PRODUCTS, describeLoad());
        var report = new LinkedHashMap<String, Object>();
        try (var follower = new Follower(options.dbUrl(), options.dbUser(), options.dbPassword(), options.poll());
                var database = DatabaseStatements.open(options.dbUrl(), options.dbUser(), options.dbPassword())) {
            var flow = new OrderFlow(api, follower, tenant, options, runId);
            var phase = new Phase(options, flow, follower);
            var warmUp = new LinkedHashMap<String, Object>();
            var drained = true;
            if (!options.warmup().isZero()) {
                var result = phase.warmUp(new RunStats());
                drained = result.drained();
                warmUp.put("drained", drained);
                warmUp.put("outcome", result.outcome());
                warmUp.put("seconds", Report.round(result.elapsedNanos() / 1e9));
            }
            report.put("warmup", warmUp);
            // The idle window only means "no orders" when none are in flight: after a backlog it would
            // measure the backlog (the workers once burned more cores "idle" than under load).
            var idle = drained && follower.watching() == 0 ? idleCpu() : Map.<String, Double>of();
            if (!drained) {
                log("no idle window: the warm-up did not drain, so this step is INVALID");
            }
            log("measuring %ss", options.duration().toSeconds());
            var cpuBefore = ProcessCpu.sample(options.pids());
            var statementsBefore = database == null ? null : database.sample();
            var followerStatements = follower.statements();
            var failedPolls = follower.failedPolls();
            var stats = new RunStats();
            var measured = phase.measure(stats);
            var cpuAfter = ProcessCpu.sample(options.pids());
            var statementsAfter = database == null ? null : database.sample();
            var arrivalSeconds = options.duration().toNanos() / 1e9;
            var verdict = StepVerdict.judge(
                    options.rate(),
                    arrivalSeconds,
                    measured.samples(),
                    new StepVerdict.Conditions(
                            drained, follower.failedPolls() > failedPolls ? follower.lastFailure() : null));
            log("verdict: %s (%s)", verdict.verdict().label(), String.join("; ", verdict.reasons()));
            var elapsed = measured.elapsedNanos() / 1e9;
            report.put("verdict", Report.verdict(verdict, measured));
            report.putAll(Report.load(options, stats, arrivalSeconds, elapsed, verdict));
            report.put("cpu", Report.cpu(options.pids(), cpuBefore, cpuAfter, idle, stats, elapsed));
            report.put(
                    "database",
                    DatabaseStatements.perOrder(
                            statementsBefore,
                            statementsAfter,
                            follower.statements() - followerStatements,
                            Report.ordersMeasured(stats)));
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
        } else {
            report.put("floor", Map.of("skipped", "--floor-orders 0"));
        }
        report.put(
                "environment", Report.environment(options, runId, tenant.id(), loadBefore, ProcessCpu.loadAverage()));
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
        log("idle %ss: CPU with nothing in flight", options.idle().toSeconds());
        var before = ProcessCpu.sample(options.pids());
        var start = System.nanoTime();
        LockSupport.parkNanos(options.idle().toNanos());
        var after = ProcessCpu.sample(options.pids());
        var seconds = (System.nanoTime() - start) / 1e9;
        var idle = new LinkedHashMap<String, Double>();
        ProcessCpu.used(before, after).forEach((name, used) -> idle.put(name, used / 1e9 / seconds));
        return idle;
    }

    private OrderFlow.Tenant setUp() {
        var tenantId = runId;
        var tokens =
                api.operator(options.operatorKey()).onboard(new NewTenant(tenantId, "Benchmark " + tenantId, "BRL"));
        var admin = api.withToken(tokens.admin()).products();
        var skus = new ArrayList<String>();
        for (int i = 1; i <= PRODUCTS; i++) {
            var sku = "BENCH-" + i;
            admin.create(new NewProduct(sku, "Bench " + sku, 1000L + i * 100, STOCK_PER_PRODUCT));
            skus.add(sku);
        }
        // The storefront's publishable key places orders as browsers do; the CUSTOMER API key as runs before did.
        var customer = options.storefront()
                ? api.withToken(tokens.admin())
                        .apiKeys()
                        .issuePublishable("benchmark storefront")
                        .token()
                : tokens.customer();
        return new OrderFlow.Tenant(tenantId, customer, tokens.kitchen(), tokens.ops(), List.copyOf(skus));
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
}
