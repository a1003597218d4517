package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor writes what an order's activities write, on the real schema, and keeps stock conserved. */
class JdbcFloorTests {

    private static final String TENANT = "floor-tenant";
    private static final List<String> SKUS = List.of("A", "B", "C");
    private static final int INITIAL = 1_000;

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
                .isEqualTo(12 * 9);
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

    private JdbcFloor floor(boolean kitchen) {
        return new JdbcFloor(db.url(), db.user(), db.password(), TENANT, SKUS, kitchen);
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
