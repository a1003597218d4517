package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Sync.SyncOrder;
import dev.comanda.pos.client.Backoff;
import dev.comanda.pos.client.LocalStore;
import dev.comanda.pos.client.OrderTaking;
import dev.comanda.pos.client.SyncApi;
import dev.comanda.pos.client.Syncer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The POS sync figures of docs/benchmarks.md, not a test: orders/s through {@code POST /sync/orders} in
 * batches of 50, and how long a device that was offline for a day of orders takes to catch up. Run by hand:
 *
 * <pre>
 * ./mvnw -B -pl local-stack -am verify -Dlocal-stack.excludedGroups=none -Dgroups=benchmark \
 *     -Dtest=SyncBenchmarkTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EndToEnd
@Tag("benchmark")
class SyncBenchmarkTests {

    private static final int BATCH = 50;
    private static final int UPLOADS = 1_000;
    private static final int DEVICES = 4;
    private static final int DAY_OF_ORDERS = 500;
    private static final Duration WORKFLOW_DEADLINE = Duration.ofMinutes(10);
    private static final java.util.concurrent.atomic.AtomicInteger RETRIES =
            new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void uploadThroughputInBatchesOfFifty(E2eStack stack) throws Exception {
        var tenant = stack.newTenant("sync-bench").withProduct("PIZZA", 4_000, 1_000_000);
        var device = PosDevice.register(tenant, "bench");
        var sequential = upload(device, "seq", UPLOADS);
        var devices = new ArrayList<PosDevice>();
        for (int i = 0; i < DEVICES; i++) {
            devices.add(PosDevice.register(tenant, "bench-" + i));
        }
        var started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(DEVICES)) {
            var tasks = new ArrayList<Callable<Double>>();
            devices.forEach(d -> tasks.add(() -> upload(d, "par", UPLOADS / DEVICES)));
            for (var f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
        var parallelSeconds = (System.nanoTime() - started) / 1e9;
        var confirmedAfter = awaitConfirmed(stack, tenant, 2L * UPLOADS, System.nanoTime());

        System.out.printf(
                "sync/orders, batches of %d: one device %.0f orders/s (%d orders); %d devices at once %.0f orders/s;"
                        + " all %d workflows CONFIRMED %.1f s after the last upload; %d batches re-sent after a 503%n",
                BATCH,
                sequential,
                UPLOADS,
                DEVICES,
                UPLOADS / parallelSeconds,
                2 * UPLOADS,
                confirmedAfter,
                RETRIES.get());
        assertThat(rows(stack, tenant)).isEqualTo(2L * UPLOADS);
    }

    @Test
    void aDeviceOfflineForADayCatchesUp(E2eStack stack) throws Exception {
        var tenant = stack.newTenant("catch-up").withProduct("PIZZA", 4_000, 1_000_000);
        var online = PosDevice.register(tenant, "online");
        var offline = PosDevice.register(tenant, "offline");
        var file = Files.createTempDirectory("pos-bench").resolve("offline.db");
        try (var store = LocalStore.open(file)) {
            var api = new SyncApi(stack.comanda().apiUrl(), offline.token(), Duration.ofSeconds(30));
            var options = new Syncer.Options(BATCH, 500, new Backoff(3, Duration.ofMillis(100), Duration.ofSeconds(1)));
            new Syncer(store, api, options, Syncer.Checkpoint.NONE).sync();
            var taking = new OrderTaking(store, Clock.systemUTC());
            for (int i = 0; i < DAY_OF_ORDERS; i++) {
                taking.take("T" + (i % 20), "PAID_AT_COUNTER", List.of(new OrderTaking.Item("PIZZA", 1)));
            }
            upload(online, "day", DAY_OF_ORDERS);
            awaitConfirmed(stack, tenant, DAY_OF_ORDERS, System.nanoTime());

            var started = System.nanoTime();
            var report = new Syncer(store, api, options, Syncer.Checkpoint.NONE).sync();
            var seconds = (System.nanoTime() - started) / 1e9;

            System.out.printf(
                    "catch-up after a day offline: pushed %d orders and pulled %d events (%d pages) in %.2f s%n",
                    report.created(), report.pulledEvents(), report.pages(), seconds);
            assertThat(report.created()).isEqualTo(DAY_OF_ORDERS);
            assertThat(store.pending(10)).isEmpty();
        }
    }

    /** Uploads {@code count} orders in batches; answers orders/s. */
    private static double upload(PosDevice device, String prefix, int count) {
        var started = System.nanoTime();
        for (int done = 0; done < count; done += BATCH) {
            var batch = new ArrayList<SyncOrder>();
            for (int i = done; i < Math.min(count, done + BATCH); i++) {
                batch.add(PosDevice.order(prefix + "-" + i, Instant.now(), "PIZZA", 1, 4_000));
            }
            var response = device.upload(batch);
            // A 503 (Temporal slow to answer) is re-sent as a device would: the batch is idempotent.
            while (response.status() == 503) {
                RETRIES.incrementAndGet();
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                response = device.upload(batch);
            }
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().get("results").findValues("result").stream()
                            .map(tools.jackson.databind.JsonNode::asString))
                    .isSubsetOf("created", "duplicate");
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** Seconds from {@code since} until the tenant has {@code expected} orders CONFIRMED, read from the database. */
    private static double awaitConfirmed(E2eStack stack, TestTenant tenant, long expected, long since) {
        var deadline = since + WORKFLOW_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            long confirmed = stack.jdbc()
                    .sql("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND status = 'CONFIRMED'")
                    .params(tenant.id())
                    .query(Long.class)
                    .single();
            if (confirmed >= expected) {
                return (System.nanoTime() - since) / 1e9;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("fewer than " + expected + " orders confirmed within " + WORKFLOW_DEADLINE);
    }

    private static long rows(E2eStack stack, TestTenant tenant) {
        return stack.jdbc()
                .sql("SELECT COUNT(*) FROM pos_sync_orders WHERE tenant_id = ?")
                .params(tenant.id())
                .query(Long.class)
                .single();
    }
}
