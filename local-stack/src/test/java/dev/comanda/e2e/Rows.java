package dev.comanda.e2e;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the database says, read with plain SQL rather than through the code under test. */
final class Rows {

    private static final String STOCK = """
            SELECT available, reserved, sold
            FROM stock
            WHERE tenant_id = ? AND sku = ?
            """;
    private static final String PAYMENTS = """
            SELECT kind, status, amount_cents, provider_id
            FROM payments
            WHERE order_id = ?
            ORDER BY id
            """;

    private static final String ORDER_STATUS = """
            SELECT status
            FROM orders
            WHERE order_id = ?
            """;
    private static final String ORDER_EVENTS = """
            SELECT status
            FROM order_events
            WHERE order_id = ?
            ORDER BY seq
            """;
    private static final String ORDERS_OF_TENANT = """
            SELECT COUNT(*)
            FROM orders
            WHERE tenant_id = ?
            """;
    private static final String RESERVATIONS_OF_TENANT = """
            SELECT COUNT(*)
            FROM reservations
            WHERE tenant_id = ?
            """;
    private static final String PAYMENTS_OF_TENANT = """
            SELECT COUNT(*)
            FROM payments
            WHERE tenant_id = ?
            """;

    private static final String ORDERS_WITH_SKU = """
            SELECT COUNT(DISTINCT o.order_id)
            FROM orders o
            JOIN order_items i ON i.order_id = o.order_id
            WHERE o.tenant_id = ? AND i.sku = ?
            """;
    private static final String STATUS_COUNTS = """
            SELECT status, COUNT(*) AS n
            FROM orders
            WHERE order_id IN (:ids)
            GROUP BY status
            """;
    /** Available stock after each movement, replayed in the order the movements were written. */
    private static final String LOWEST_AVAILABLE = """
            SELECT MIN(running)
            FROM (
                SELECT SUM(CASE WHEN kind IN ('RESERVE', 'COMMIT') THEN 0 ELSE quantity END
                           - CASE WHEN kind = 'RESERVE' THEN quantity ELSE 0 END) OVER (ORDER BY id) AS running
                FROM stock_movements
                WHERE tenant_id = ? AND sku = ?
            ) replayed
            """;

    private static final String TABLE_ROWS = """
            SELECT (SELECT COUNT(*) FROM orders WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM reservations WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM payments WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM notifications WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM notification_outbox WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM order_events WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM stock_events WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM stock_movements WHERE tenant_id = :t)
                 + (SELECT COUNT(*) FROM products WHERE tenant_id = :t)
            """;

    private final JdbcClient jdbc;

    Rows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stock(int available, int reserved, int sold) {}

    record PaymentRow(String kind, String status, long amountCents, String providerId) {}

    Stock stock(String tenantId, String sku) {
        return jdbc.sql(STOCK).params(tenantId, sku).query(Stock.class).single();
    }

    List<PaymentRow> payments(String orderId) {
        return jdbc.sql(PAYMENTS).param(orderId).query(PaymentRow.class).list();
    }

    String orderStatus(String orderId) {
        return jdbc.sql(ORDER_STATUS).param(orderId).query(String.class).single();
    }

    /** The status after each timeline entry of the order, in order. */
    List<String> orderEvents(String orderId) {
        return jdbc.sql(ORDER_EVENTS).param(orderId).query(String.class).list();
    }

    int orders(String tenantId) {
        return count(ORDERS_OF_TENANT, tenantId);
    }

    int reservations(String tenantId) {
        return count(RESERVATIONS_OF_TENANT, tenantId);
    }

    int paymentsOfTenant(String tenantId) {
        return count(PAYMENTS_OF_TENANT, tenantId);
    }

    int ordersWithSku(String tenantId, String sku) {
        return jdbc.sql(ORDERS_WITH_SKU)
                .params(tenantId, sku)
                .query(Integer.class)
                .single();
    }

    /** How many of {@code orderIds} the read model holds in each status. */
    java.util.Map<String, Long> statusCounts(List<String> orderIds) {
        var counts = new java.util.TreeMap<String, Long>();
        if (!orderIds.isEmpty()) {
            jdbc.sql(STATUS_COUNTS).param("ids", orderIds).query(rs -> {
                counts.put(rs.getString("status"), rs.getLong("n"));
            });
        }
        return counts;
    }

    /** The lowest the product's available stock ever was, replaying its movements in order. */
    long lowestAvailable(String tenantId, String sku) {
        return jdbc.sql(LOWEST_AVAILABLE)
                .params(tenantId, sku)
                .query(Long.class)
                .single();
    }

    /** Every row the tenant owns in the tables an order or a catalog change writes. */
    long rowsOf(String tenantId) {
        return jdbc.sql(TABLE_ROWS).param("t", tenantId).query(Long.class).single();
    }

    private int count(String sql, String parameter) {
        return jdbc.sql(sql).param(parameter).query(Integer.class).single();
    }
}
