package dev.comanda.persistence.pos;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders as a POS keeps them locally: status, table, money and lines, with the device and client
 * order ID when a device synced it. Read from the order read model for the delta pull and snapshot.
 */
@Repository
public class PosOrderViews {

    private static final String COLUMNS = """
            SELECT o.order_id, o.status, o.reason, o.channel, o.fulfilment_type, o.table_label, o.payment_method,
                   o.payment_status, o.total_cents, o.currency, o.last_seq, o.created_at, o.updated_at,
                   p.device_id, p.client_order_id
            FROM orders o
            LEFT JOIN pos_sync_orders p ON p.order_id = o.order_id
            """;
    private static final String BY_IDS = COLUMNS + """
            WHERE o.tenant_id = :tenantId
              AND o.order_id IN (:orderIds)
            """;
    private static final String OPEN_OR_RECENT = COLUMNS + """
            WHERE o.tenant_id = :tenantId
              AND (o.status NOT IN ('COMPLETED', 'REJECTED', 'CANCELLED') OR o.updated_at >= :since)
            ORDER BY o.created_at, o.order_id
            LIMIT :limit
            """;
    private static final String LINES = """
            SELECT i.order_id, i.line_no, i.sku, i.name, i.quantity, i.unit_price_cents
            FROM order_items i
            WHERE i.order_id IN (:orderIds)
            ORDER BY i.order_id, i.line_no
            """;

    private final JdbcClient jdbc;

    PosOrderViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PosLine(String sku, String name, int quantity, long unitPriceCents) {}

    public record PosOrder(
            String orderId,
            String status,
            String reason,
            String channel,
            String fulfilment,
            String table,
            String paymentMethod,
            String paymentStatus,
            long totalCents,
            String currency,
            int orderSeq,
            Instant createdAt,
            Instant updatedAt,
            String deviceId,
            String clientOrderId,
            List<PosLine> lines) {}

    /** The named orders of the tenant, in the order of {@code orderIds}; unknown ones are left out. */
    @Transactional(readOnly = true)
    public List<PosOrder> byIds(String tenantId, Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        var found = withLines(jdbc.sql(BY_IDS)
                .param("tenantId", tenantId)
                .param("orderIds", List.copyOf(orderIds))
                .query(PosOrderViews::header)
                .list());
        var byId = new LinkedHashMap<String, PosOrder>();
        found.forEach(o -> byId.put(o.orderId(), o));
        return orderIds.stream().map(byId::get).filter(o -> o != null).toList();
    }

    /** Orders still open, and those that changed since {@code since}, up to {@code limit}. */
    @Transactional(readOnly = true)
    public List<PosOrder> openOrRecent(String tenantId, Instant since, int limit) {
        return withLines(jdbc.sql(OPEN_OR_RECENT)
                .param("tenantId", tenantId)
                .param("since", SqlTimes.toSql(since))
                .param("limit", limit)
                .query(PosOrderViews::header)
                .list());
    }

    private List<PosOrder> withLines(List<PosOrder> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<String, List<PosLine>> lines = new LinkedHashMap<>();
        jdbc.sql(LINES)
                .param("orderIds", orders.stream().map(PosOrder::orderId).toList())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>())
                            .add(new PosLine(
                                    rs.getString("sku"),
                                    rs.getString("name"),
                                    rs.getInt("quantity"),
                                    rs.getLong("unit_price_cents")));
                });
        return orders.stream()
                .map(o -> new PosOrder(
                        o.orderId(),
                        o.status(),
                        o.reason(),
                        o.channel(),
                        o.fulfilment(),
                        o.table(),
                        o.paymentMethod(),
                        o.paymentStatus(),
                        o.totalCents(),
                        o.currency(),
                        o.orderSeq(),
                        o.createdAt(),
                        o.updatedAt(),
                        o.deviceId(),
                        o.clientOrderId(),
                        List.copyOf(lines.getOrDefault(o.orderId(), List.of()))))
                .toList();
    }

    private static PosOrder header(ResultSet rs, int row) throws SQLException {
        return new PosOrder(
                rs.getString("order_id"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("channel"),
                rs.getString("fulfilment_type"),
                rs.getString("table_label"),
                rs.getString("payment_method"),
                rs.getString("payment_status"),
                rs.getLong("total_cents"),
                rs.getString("currency"),
                rs.getInt("last_seq"),
                SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                SqlTimes.fromSql(rs.getObject("updated_at", LocalDateTime.class)),
                rs.getString("device_id"),
                rs.getString("client_order_id"),
                List.of());
    }
}
