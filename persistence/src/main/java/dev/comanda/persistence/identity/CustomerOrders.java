package dev.comanda.persistence.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which customer placed which order ({@code customer_orders}): written by the API before it starts the
 * order's workflow, read by every check of a signed-in customer (its list, a read, a cancel, its event
 * stream). An order has one owner for good: a repeat of the placement keeps the first.
 */
@Service
public class CustomerOrders {

    private static final String INSERT = """
            INSERT INTO customer_orders (order_id, tenant_id, customer_id, created_at)
            VALUES (:orderId, :tenantId, :customerId, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE order_id = order_id
            """;
    private static final String OWNS = """
            SELECT COUNT(*)
            FROM customer_orders
            WHERE order_id = :orderId
              AND tenant_id = :tenantId
              AND customer_id = :customerId
            """;
    private static final String OWNED_AMONG = """
            SELECT order_id
            FROM customer_orders
            WHERE tenant_id = :tenantId
              AND customer_id = :customerId
              AND order_id IN (:orderIds)
            """;

    private final JdbcClient jdbc;

    CustomerOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the customer placed the order; a repeat, or an order owned already, changes nothing. */
    @Transactional
    public void record(String tenantId, String orderId, long customerId) {
        jdbc.sql(INSERT)
                .param("orderId", orderId)
                .param("tenantId", tenantId)
                .param("customerId", customerId)
                .update();
    }

    /** Whether the customer placed the order (in this tenant). */
    @Transactional(readOnly = true)
    public boolean owns(String tenantId, long customerId, String orderId) {
        return jdbc.sql(OWNS)
                        .param("orderId", orderId)
                        .param("tenantId", tenantId)
                        .param("customerId", customerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Those of {@code orderIds} the customer placed: one query for a batch of events. */
    @Transactional(readOnly = true)
    public Set<String> ownedAmong(String tenantId, long customerId, Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        List<String> found = jdbc.sql(OWNED_AMONG)
                .param("tenantId", tenantId)
                .param("customerId", customerId)
                .param("orderIds", List.copyOf(orderIds))
                .query(String.class)
                .list();
        return found.stream().collect(Collectors.toUnmodifiableSet());
    }
}
