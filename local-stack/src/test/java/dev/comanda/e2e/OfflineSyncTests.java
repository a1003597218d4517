package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.OrderStatus;
import dev.comanda.pos.client.Backoff;
import dev.comanda.pos.client.LocalStore;
import dev.comanda.pos.client.OrderTaking;
import dev.comanda.pos.client.SyncApi;
import dev.comanda.pos.client.Syncer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference POS client (its real SQLite file, real HTTP) against the whole stack, with the network
 * between them switched off and on by a {@link SwitchableRelay}.
 */
@EndToEnd
class OfflineSyncTests {

    private static final Backoff QUICK = new Backoff(3, Duration.ofMillis(50), Duration.ofMillis(200));

    private static E2eStack stack;
    private static SwitchableRelay network;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        network = SwitchableRelay.to(stack.comanda().apiUrl());
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void thirtyOrdersTakenOfflineOnTwoDevicesExistOnceEachAndBothDevicesConverge() {
        var tenant = stack.newTenant("offline").withProduct("PIZZA", 4_000, 200).withProduct("SODA", 800, 200);
        try (var a = Pos.open(tenant, dir.resolve("a.db"), "counter");
                var b = Pos.open(tenant, dir.resolve("b.db"), "terrace")) {
            network.up();
            assertThat(a.sync().online()).isTrue();
            assertThat(b.sync().online()).isTrue();

            network.down();
            for (int i = 0; i < 18; i++) {
                a.take("A" + (i % 4), "PIZZA", 1 + i % 3);
            }
            for (int i = 0; i < 12; i++) {
                b.take("B" + (i % 3), "SODA", 2);
            }
            var offline = a.sync();

            assertThat(offline.online()).isFalse();
            assertThat(a.store().pending(100)).hasSize(18);
            assertThat(b.store().pending(100)).hasSize(12);

            network.up();
            var syncedA = a.sync();
            var syncedB = b.sync();

            assertThat(syncedA.created()).isEqualTo(18);
            assertThat(syncedB.created()).isEqualTo(12);
            assertThat(a.store().pending(100)).isEmpty();
            assertThat(b.store().pending(100)).isEmpty();
            var ids = new java.util.ArrayList<String>();
            a.store().orders().forEach(o -> ids.add(o.serverOrderId()));
            b.store().orders().forEach(o -> ids.add(o.serverOrderId()));
            assertThat(ids).hasSize(30).doesNotHaveDuplicates().doesNotContainNull();
            var orders = new Orders(stack.api());
            ids.forEach(id -> orders.awaitStatus(tenant.kitchen(), id, OrderStatus.CONFIRMED));
            assertThat(ordersOf(tenant)).isEqualTo(30);

            a.sync();
            b.sync();
            assertThat(a.store().serverOrderStatuses())
                    .hasSize(30)
                    .isEqualTo(b.store().serverOrderStatuses());
            assertThat(a.store().serverOrderStatuses().keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(a.store().catalog()).isEqualTo(b.store().catalog());
        }
    }

    @Test
    void aBatchWhoseAnswerWasLostCreatesNothingWhenResent() {
        var tenant = stack.newTenant("lost-answer").withProduct("PIZZA", 4_000, 200);
        try (var pos = Pos.open(tenant, dir.resolve("lost.db"), "flaky")) {
            network.up();
            pos.sync();
            for (int i = 0; i < 5; i++) {
                pos.take("9", "PIZZA", 1);
            }

            network.loseAnswers(true);
            var lost = pos.sync();
            network.loseAnswers(false);

            assertThat(lost.online()).isFalse();
            assertThat(pos.store().pending(100)).as("no answer came back").hasSize(5);
            assertThat(PosDevice.awaitCount(() -> ordersOf(tenant), 5))
                    .as("the server did take them")
                    .isEqualTo(5);

            var resent = pos.sync();

            assertThat(resent.created()).isZero();
            assertThat(resent.duplicates()).isEqualTo(5);
            assertThat(pos.store().pending(100)).isEmpty();
            assertThat(PosDevice.awaitCount(() -> ordersOf(tenant), 5)).isEqualTo(5);
        }
    }

    @Test
    void aCrashBetweenUploadAndTheLocalSyncedMarkIsHealedByTheNextSync() {
        var tenant = stack.newTenant("crash").withProduct("PIZZA", 4_000, 200);
        var file = dir.resolve("crash.db");
        network.up();
        try (var pos = Pos.open(tenant, file, "crashy")) {
            pos.sync();
            for (int i = 0; i < 10; i++) {
                pos.take("3", "PIZZA", 1);
            }
            var answered = new AtomicInteger();
            var crashing = new Syncer(pos.store(), pos.api(), new Syncer.Options(4, 500, QUICK), (batch, answer) -> {
                if (answered.incrementAndGet() == 2) {
                    throw new IllegalStateException("power cut after the second batch's answer");
                }
            });

            assertThatThrownBy(crashing::sync).hasMessageContaining("power cut");
        }
        try (var restarted = Pos.reopen(tenant, file, "crashy")) {
            assertThat(restarted.store().pending(100))
                    .as("second batch unmarked, third unsent")
                    .hasSize(6);

            var healed = restarted.sync();

            assertThat(healed.duplicates()).isEqualTo(4);
            assertThat(healed.created()).isEqualTo(2);
            assertThat(restarted.store().pending(100)).isEmpty();
            assertThat(PosDevice.awaitCount(() -> ordersOf(tenant), 10)).isEqualTo(10);
        }
    }

    @Test
    void conflictsAreShownToTheWaiterWithTheServersResolution() {
        var tenant = stack.newTenant("waiter").withProduct("PIZZA", 4_000, 200).withProduct("WINE", 9_000, 1);
        try (var pos = Pos.open(tenant, dir.resolve("waiter.db"), "bar")) {
            network.up();
            pos.sync();
            network.down();
            pos.take("12", "WINE", 3);
            network.up();

            var report = pos.sync();

            assertThat(report.conflicts()).isEqualTo(1);
            assertThat(Syncer.describe(pos.store().unacknowledgedProblems()))
                    .singleElement()
                    .asString()
                    .contains("table 12", "STOCK_DEFICIT", "RECORDED_STOCK_TO_DEFICIT_KITCHEN_TOLD");
        }
    }

    private static long ordersOf(TestTenant tenant) {
        return stack.jdbc()
                .sql("SELECT COUNT(DISTINCT order_id) FROM orders WHERE tenant_id = ?")
                .params(tenant.id())
                .query(Long.class)
                .single();
    }

    /** One device: its local store, its sync client through the switchable network, and order taking. */
    record Pos(LocalStore store, SyncApi api, PosDevice device) implements AutoCloseable {

        private static final java.util.Map<Path, PosDevice> DEVICES = new java.util.concurrent.ConcurrentHashMap<>();

        static Pos open(TestTenant tenant, Path file, String name) {
            var device = DEVICES.computeIfAbsent(file, f -> PosDevice.register(tenant, name));
            return new Pos(
                    LocalStore.open(file), new SyncApi(network.url(), device.token(), Duration.ofSeconds(10)), device);
        }

        /** The same device after its process restarted on the same file. */
        static Pos reopen(TestTenant tenant, Path file, String name) {
            return open(tenant, file, name);
        }

        Syncer.Report sync() {
            return new Syncer(store, api, new Syncer.Options(50, 500, QUICK), Syncer.Checkpoint.NONE).sync();
        }

        void take(String table, String sku, int quantity) {
            new OrderTaking(store, Clock.systemUTC())
                    .take(table, "PAID_AT_COUNTER", List.of(new OrderTaking.Item(sku, quantity)));
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
