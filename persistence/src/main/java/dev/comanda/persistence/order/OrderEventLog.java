package dev.comanda.persistence.order;

import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a tenant's event stream back (order events and stock events, in one sequence): what a
 * reconnecting client missed, or a hole a lost publish left. Every read sees a prefix of the stream,
 * since numbers are handed out in commit order.
 */
@Repository
public class OrderEventLog {

    // Stock events concern no order: a stream of one order's events, or of one customer's, leaves them out.
    private static final String AFTER = """
            SELECT tenant_seq, order_id, seq, step, status, at, detail, NULL AS sku, NULL AS available,
                   by_kind, by_id, by_name
            FROM order_events
            WHERE tenant_id = :tenantId
              AND tenant_seq > :after
              AND tenant_seq <= :upTo
              AND (:orderId IS NULL OR order_id = :orderId)
              AND (:customerId IS NULL OR order_id IN (SELECT c.order_id
                                                       FROM customer_orders c
                                                       WHERE c.tenant_id = :tenantId
                                                         AND c.customer_id = :customerId))
            UNION ALL
            SELECT tenant_seq, NULL, 0, step, NULL, at, NULL, sku, available, NULL, NULL, NULL
            FROM stock_events
            WHERE tenant_id = :tenantId
              AND tenant_seq > :after
              AND tenant_seq <= :upTo
              AND :orderId IS NULL
              AND :customerId IS NULL
            ORDER BY tenant_seq
            LIMIT :limit
            """;
    private static final String LAST = """
            SELECT last_seq
            FROM order_event_counters
            WHERE tenant_id = :tenantId
            """;

    private final JdbcClient jdbc;

    OrderEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} events of the tenant numbered in ({@code after}, {@code upTo}], in order;
     * only those of {@code orderId} when it is not null.
     */
    @Transactional(readOnly = true)
    public List<OrderEvent> between(String tenantId, long after, long upTo, String orderId, int limit) {
        return between(tenantId, after, upTo, orderId, null, limit);
    }

    /**
     * The same, and only those of the orders customer {@code customerId} placed when it is not null
     * (without stock events: a customer follows its orders, not the menu).
     */
    @Transactional(readOnly = true)
    public List<OrderEvent> between(
            String tenantId, long after, long upTo, String orderId, Long customerId, int limit) {
        return jdbc.sql(AFTER)
                .param("tenantId", tenantId)
                .param("after", after)
                .param("upTo", upTo)
                .param("orderId", orderId)
                .param("customerId", customerId)
                .param("limit", limit)
                .query((rs, n) -> {
                    var sku = rs.getString("sku");
                    var status = rs.getString("status");
                    return new OrderEvent(
                            tenantId,
                            rs.getLong("tenant_seq"),
                            rs.getString("order_id"),
                            rs.getInt("seq"),
                            rs.getString("step"),
                            status == null ? null : OrderStatus.valueOf(status),
                            SqlTimes.fromSql(rs.getObject("at", LocalDateTime.class)),
                            rs.getString("detail"),
                            sku == null
                                    ? null
                                    : new StockLevel(
                                            sku, StockLevel.Step.valueOf(rs.getString("step")), rs.getInt("available")),
                            null,
                            ActingParties.read(rs));
                })
                .list();
    }

    /** The number of the tenant's last committed event; 0 before its first. */
    @Transactional(readOnly = true)
    public long lastSeq(String tenantId) {
        return jdbc.sql(LAST)
                .param("tenantId", tenantId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}
