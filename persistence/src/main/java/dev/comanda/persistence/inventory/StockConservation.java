package dev.comanda.persistence.inventory;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the stock invariants from the database alone, for tests and reliability checks: for every
 * product, the movements explain each stock column (so initial + restocks + adjustments = available +
 * reserved + sold − deficit, the deficit being what orders served offline sold beyond stock on hand),
 * reserved and sold match the reservations holding them, and no column is negative.
 */
@Component
public class StockConservation {

    private static final String BALANCES = """
            SELECT s.tenant_id, s.sku, s.available, s.reserved, s.sold, s.deficit,
                   COALESCE(m.supplied, 0) AS supplied,
                   COALESCE(m.deficit, 0) AS moved_deficit,
                   COALESCE(m.reserved, 0) AS moved_reserved,
                   COALESCE(m.sold, 0) AS moved_sold,
                   COALESCE(r.reserved, 0) AS held_reserved,
                   COALESCE(r.sold, 0) AS held_sold
            FROM stock s
            LEFT JOIN (
                SELECT tenant_id, sku,
                       SUM(CASE WHEN kind IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT') THEN quantity ELSE 0 END) AS supplied,
                       SUM(CASE kind WHEN 'RESERVE' THEN quantity
                                     WHEN 'COMMIT' THEN -quantity
                                     WHEN 'RELEASE' THEN -quantity
                                     ELSE 0 END) AS reserved,
                       SUM(CASE kind WHEN 'COMMIT' THEN quantity
                                     WHEN 'RESTOCK_CANCELLED' THEN -quantity
                                     ELSE 0 END) AS sold,
                       SUM(CASE WHEN kind = 'DEFICIT' THEN quantity ELSE 0 END) AS deficit
                FROM stock_movements
                WHERE :tenant IS NULL OR tenant_id = :tenant
                GROUP BY tenant_id, sku
            ) m ON m.tenant_id = s.tenant_id AND m.sku = s.sku
            LEFT JOIN (
                SELECT r.tenant_id, l.sku,
                       SUM(CASE WHEN r.status = 'RESERVED' THEN l.quantity ELSE 0 END) AS reserved,
                       SUM(CASE WHEN r.status = 'COMMITTED' THEN l.quantity ELSE 0 END) AS sold
                FROM reservations r
                JOIN reservation_lines l ON l.reservation_key = r.reservation_key
                WHERE :tenant IS NULL OR r.tenant_id = :tenant
                GROUP BY r.tenant_id, l.sku
            ) r ON r.tenant_id = s.tenant_id AND r.sku = s.sku
            WHERE :tenant IS NULL OR s.tenant_id = :tenant
            ORDER BY s.tenant_id, s.sku
            """;
    private static final String MOVEMENTS_WITHOUT_STOCK = """
            SELECT DISTINCT m.tenant_id, m.sku
            FROM stock_movements m
            LEFT JOIN stock s ON s.tenant_id = m.tenant_id AND s.sku = m.sku
            WHERE s.sku IS NULL
              AND (:tenant IS NULL OR m.tenant_id = :tenant)
            """;

    private final JdbcClient jdbc;

    StockConservation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One broken invariant of one product. */
    public record Violation(String tenantId, String sku, String problem) {}

    /** Violations over every tenant; empty means the invariants hold. */
    @Transactional(readOnly = true)
    public List<Violation> check() {
        return check(null);
    }

    /** Violations of one tenant's products (every tenant when {@code tenantId} is null). */
    @Transactional(readOnly = true)
    public List<Violation> check(String tenantId) {
        var violations = new ArrayList<Violation>();
        jdbc.sql(BALANCES).param("tenant", tenantId).query(rs -> {
            String tenant = rs.getString("tenant_id");
            String sku = rs.getString("sku");
            long available = rs.getLong("available");
            long reserved = rs.getLong("reserved");
            long sold = rs.getLong("sold");
            long deficit = rs.getLong("deficit");
            long supplied = rs.getLong("supplied");
            long movedReserved = rs.getLong("moved_reserved");
            long movedSold = rs.getLong("moved_sold");
            if (available < 0 || reserved < 0 || sold < 0 || deficit < 0) {
                violations.add(new Violation(
                        tenant, sku, "negative stock: " + columns(available, reserved, sold) + ", deficit " + deficit));
            }
            if (supplied != available + reserved + sold - deficit) {
                violations.add(new Violation(
                        tenant,
                        sku,
                        "initial + restocks + adjustments = " + supplied + " but " + columns(available, reserved, sold)
                                + ", deficit " + deficit));
            }
            if (rs.getLong("moved_deficit") != deficit) {
                violations.add(new Violation(
                        tenant,
                        sku,
                        "DEFICIT movements sum to " + rs.getLong("moved_deficit") + " but deficit " + deficit));
            }
            if (movedReserved != reserved || movedSold != sold) {
                violations.add(new Violation(
                        tenant,
                        sku,
                        "movements give reserved " + movedReserved + ", sold " + movedSold + " but "
                                + columns(available, reserved, sold)));
            }
            if (rs.getLong("held_reserved") != reserved || rs.getLong("held_sold") != sold) {
                violations.add(new Violation(
                        tenant,
                        sku,
                        "reservations hold reserved " + rs.getLong("held_reserved") + ", sold "
                                + rs.getLong("held_sold") + " but " + columns(available, reserved, sold)));
            }
        });
        jdbc.sql(MOVEMENTS_WITHOUT_STOCK)
                .param("tenant", tenantId)
                .query((rs, n) -> new Violation(rs.getString(1), rs.getString(2), "movements without a stock row"))
                .list()
                .forEach(violations::add);
        return violations;
    }

    private static String columns(long available, long reserved, long sold) {
        return "available " + available + ", reserved " + reserved + ", sold " + sold;
    }
}
