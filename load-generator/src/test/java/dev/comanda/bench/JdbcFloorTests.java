package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The floor writes what an order's activities write, on the real schema, through the production write
 * paths: the rows the workflow's calls leave (timeline in the ledger's steps, reservation, payment,
 * notifications), numbered gap-free in the tenant's event stream, with stock conserved.
 */
class JdbcFloorTests {

    private static final String TENANT = "floor-tenant";
    private static final List<String> SKUS = List.of("A", "B", "C");
    private static final int INITIAL = 1_000;
    /** A card takeaway order's timeline to COMPLETED, as OrderWorkflowImpl's ledger writes it. */
    private static final List<String> COMPLETED_TIMELINE = List.of(
            "0 PLACED PENDING",
            "1 STOCK_RESERVED PENDING",
            "2 PAYMENT_CHARGED PENDING",
            "3 STOCK_COMMITTED PENDING",
            "4 CONFIRMED CONFIRMED",
            "5 ACCEPTED ACCEPTED",
            "6 PREPARING PREPARING",
            "7 READY READY",
            "8 PICKED_UP PICKED_UP",
            "9 COMPLETED COMPLETED");

    private TestDatabase db;

    @BeforeEach
    void schemaWithATenantAndStock() throws SQLException {
        db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).load().migrate();
        update(
                "INSERT INTO tenants (id, name, currency, created_at) VALUES (?, 'Floor', 'BRL', UTC_TIMESTAMP(6))",
                TENANT);
        for (var sku : SKUS) {
            update(
                    "INSERT INTO products (tenant_id, sku, name, price_cents, currency, updated_at)"
                            + " VALUES (?, ?, ?, 1000, 'BRL', UTC_TIMESTAMP(6))",
                    TENANT,
                    sku,
                    sku);
            update(
                    "INSERT INTO stock (tenant_id, sku, available, reserved, sold, updated_at)"
                            + " VALUES (?, ?, ?, 0, 0, UTC_TIMESTAMP(6))",
                    TENANT,
                    sku,
                    INITIAL);
            update(
                    "INSERT INTO stock_movements (tenant_id, sku, kind, quantity, reference, created_at)"
                            + " VALUES (?, ?, 'INITIAL', ?, NULL, UTC_TIMESTAMP(6))",
                    TENANT,
                    sku,
                    INITIAL);
        }
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void everyFloorOrderEndsCompletedWithItsTimelineSaleAndNotifications() throws Exception {
        var result = floor(true).run(12, 3);

        assertThat(result.orders()).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND status = 'COMPLETED'", TENANT))
                .isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM order_events WHERE tenant_id = ?", TENANT))
                .isEqualTo(12L * COMPLETED_TIMELINE.size());
        assertThat(count("SELECT COUNT(*) FROM reservations WHERE tenant_id = ? AND status = 'COMMITTED'", TENANT))
                .isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE tenant_id = ? AND status = 'SUCCEEDED'", TENANT))
                .isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM notifications WHERE tenant_id = ? AND status = 'SENT'", TENANT))
                .isEqualTo(24);
    }

    @Test
    void stockIsConservedAndEverythingReservedIsSold() throws Exception {
        floor(false).run(20, 4);

        var sold = count("SELECT COALESCE(SUM(quantity), 0) FROM reservation_lines");
        assertThat(count("SELECT COALESCE(SUM(reserved), 0) FROM stock WHERE tenant_id = ?", TENANT))
                .isZero();
        assertThat(count("SELECT SUM(sold) FROM stock WHERE tenant_id = ?", TENANT))
                .isEqualTo(sold)
                .isEqualTo(count(
                        "SELECT SUM(quantity) FROM stock_movements WHERE tenant_id = ? AND kind = 'COMMIT'", TENANT));
        assertThat(count("SELECT SUM(available + reserved + sold) FROM stock WHERE tenant_id = ?", TENANT))
                .isEqualTo((long) INITIAL * SKUS.size());
        assertThat(count("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND status = 'CONFIRMED'", TENANT))
                .isEqualTo(20);
    }

    @Test
    void everyOrderHasTheTimelineReservationPaymentAndNotificationsTheActivitiesWrite() throws Exception {
        floor(true).run(5, 2);

        for (var orderId : strings("SELECT order_id FROM orders WHERE tenant_id = ?", TENANT)) {
            assertThat(strings(
                            "SELECT CONCAT(seq, ' ', step, ' ', status) FROM order_events WHERE order_id = ? ORDER BY seq",
                            orderId))
                    .containsExactlyElementsOf(COMPLETED_TIMELINE);
            assertThat(strings("SELECT CONCAT(status, ' ', last_seq) FROM orders WHERE order_id = ?", orderId))
                    .containsExactly("COMPLETED 9");
            assertThat(strings(
                            "SELECT CONCAT(reservation_key, ' ', status) FROM reservations WHERE order_id = ?",
                            orderId))
                    .containsExactly(orderId + ":reservation COMMITTED");
            assertThat(strings(
                            "SELECT CONCAT(kind, ' ', idempotency_key, ' ', status) FROM payments WHERE order_id = ?",
                            orderId))
                    .containsExactly("CHARGE " + orderId + ":charge SUCCEEDED");
            assertThat(strings(
                            "SELECT CONCAT(kind, ' ', status) FROM notifications WHERE order_id = ? ORDER BY kind",
                            orderId))
                    .containsExactly("CONFIRMED SENT", "READY SENT");
            assertThat(strings(
                            "SELECT CONCAT(kind, ' ', status, ' ', COALESCE(payload, 'cleared')) FROM notification_outbox"
                                    + " WHERE order_id = ?",
                            orderId))
                    .containsExactly("CONFIRMED SENT cleared");
            assertThat(count(
                            "SELECT COUNT(*) FROM stock_movements WHERE reference = ? AND kind IN ('RESERVE', 'COMMIT')",
                            orderId + ":reservation"))
                    .isEqualTo(2
                            * count(
                                    "SELECT COUNT(*) FROM reservation_lines WHERE reservation_key = ?",
                                    orderId + ":reservation"));
        }
    }

    @Test
    void theFloorsEventsAreNumberedGapFreeInTheTenantStreamAsTheReadModelNumbersThem() throws Exception {
        floor(true).run(8, 4);

        var events = count("SELECT COUNT(*) FROM order_events WHERE tenant_id = ?", TENANT);
        assertThat(events).isEqualTo(8L * COMPLETED_TIMELINE.size());
        assertThat(count("SELECT COUNT(DISTINCT tenant_seq) FROM order_events WHERE tenant_id = ?", TENANT))
                .isEqualTo(events);
        assertThat(count("SELECT MIN(tenant_seq) FROM order_events WHERE tenant_id = ?", TENANT))
                .isOne();
        assertThat(count("SELECT MAX(tenant_seq) FROM order_events WHERE tenant_id = ?", TENANT))
                .isEqualTo(events)
                .isEqualTo(count("SELECT last_seq FROM order_event_counters WHERE tenant_id = ?", TENANT));
        // Within an order, the stream's numbers follow the timeline's.
        assertThat(count("""
                        SELECT COUNT(*) FROM order_events a JOIN order_events b
                          ON a.order_id = b.order_id AND a.seq < b.seq AND a.tenant_seq > b.tenant_seq
                        WHERE a.tenant_id = ?""", TENANT)).isZero();
    }

    private JdbcFloor floor(boolean kitchen) {
        return new JdbcFloor(
                db.url(),
                db.user(),
                db.password(),
                TENANT,
                SKUS,
                kitchen,
                Map.of(
                        "comanda.redis.url",
                        TestRedis.url(),
                        "comanda.events.topic-prefix",
                        "comanda-test:" + TestRedis.keyPrefix() + "events:"));
    }

    private List<String> strings(String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            var values = new java.util.ArrayList<String>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.url(), db.user(), db.password());
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
