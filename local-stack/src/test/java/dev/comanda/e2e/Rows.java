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

    private int count(String sql, String parameter) {
        return jdbc.sql(sql).param(parameter).query(Integer.class).single();
    }
}
