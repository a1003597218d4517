package dev.comanda.persistence.reconciliation;

import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.reconciliation.ReconciliationRepository.StuckCounts;
import dev.comanda.reconciliation.ReconciliationPolicy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the scan reads of the read model and of inventory: live orders left alone for a while, held
 * reservations of ended or unknown orders, stuck orders. Reads only; those tables belong to their
 * domains, and every repair goes through the domain's own idempotent code.
 */
@Component
@Transactional(readOnly = true)
public class SuspectQueries {

    private static final List<String> LIVE = java.util.Arrays.stream(OrderStatus.values())
            .filter(status -> !status.isTerminal())
            .map(Enum::name)
            .toList();

    private static final String QUIET_LIVE_ORDERS = """
            SELECT tenant_id, order_id, status, workflow_id, updated_at
            FROM orders
            WHERE status IN (:live)
              AND updated_at < :cutoff
              AND (updated_at > :afterAt OR (updated_at = :afterAt AND order_id > :afterId))
            ORDER BY updated_at, order_id
            LIMIT :limit
            """;
    private static final String LOOSE_RESERVATIONS = """
            SELECT r.tenant_id, r.order_id, r.reservation_key, o.status AS order_status
            FROM reservations r
            LEFT JOIN orders o ON o.order_id = r.order_id AND o.tenant_id = r.tenant_id
            WHERE r.status IN ('RESERVED', 'COMMITTED')
              AND r.updated_at < :cutoff
              AND r.updated_at > :horizon
              AND (o.order_id IS NULL OR o.status IN ('REJECTED', 'CANCELLED'))
            ORDER BY r.updated_at
            LIMIT :limit
            """;
    private static final String UNRECORDED_PLACEMENTS = """
            SELECT p.tenant_id, p.order_id
            FROM order_placements p
            LEFT JOIN orders o ON o.order_id = p.order_id
            WHERE o.order_id IS NULL
              AND p.created_at < :cutoff
              AND p.created_at > :horizon
            ORDER BY p.created_at
            LIMIT :limit
            """;
    private static final String ORDERS_BY_ID = """
            SELECT order_id, tenant_id, status
            FROM orders
            WHERE order_id IN (:ids)
            """;
    private static final String STUCK = """
            SELECT
              COALESCE(SUM(status = 'CONFIRMED' AND updated_at < :notAccepted), 0) AS not_accepted,
              COALESCE(SUM(status IN ('ACCEPTED', 'PREPARING') AND updated_at < :preparing), 0) AS preparing,
              COALESCE(SUM(status = 'PENDING' AND payment_method = 'PIX' AND updated_at < :pixPending), 0) AS pix_pending
            FROM orders
            WHERE status IN ('CONFIRMED', 'ACCEPTED', 'PREPARING', 'PENDING')
            """;

    /** A live order nothing has written for a while; {@code updatedAt} is the paging cursor. */
    public record QuietOrder(
            String tenantId, String orderId, OrderStatus status, String workflowId, Instant updatedAt) {}

    public record HeldReservation(String tenantId, String orderId, String reservationKey, String orderStatus) {}

    public record Placement(String tenantId, String orderId) {}

    public record KnownOrder(String orderId, String tenantId, OrderStatus status) {}

    private final JdbcClient jdbc;

    SuspectQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Live orders last written before {@code cutoff}, after the cursor, oldest first. */
    public List<QuietOrder> quietLiveOrders(Instant cutoff, Instant afterAt, String afterId, int limit) {
        return jdbc.sql(QUIET_LIVE_ORDERS)
                .param("live", LIVE)
                .param("cutoff", SqlTimes.toSql(cutoff))
                .param("afterAt", SqlTimes.toSql(afterAt))
                .param("afterId", afterId)
                .param("limit", limit)
                .query((rs, n) -> new QuietOrder(
                        rs.getString("tenant_id"),
                        rs.getString("order_id"),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("workflow_id"),
                        SqlTimes.fromSql(rs.getObject("updated_at", LocalDateTime.class))))
                .list();
    }

    public List<HeldReservation> looseReservations(Instant cutoff, Instant horizon, int limit) {
        return jdbc.sql(LOOSE_RESERVATIONS)
                .param("cutoff", SqlTimes.toSql(cutoff))
                .param("horizon", SqlTimes.toSql(horizon))
                .param("limit", limit)
                .query((rs, n) -> new HeldReservation(
                        rs.getString("tenant_id"),
                        rs.getString("order_id"),
                        rs.getString("reservation_key"),
                        rs.getString("order_status")))
                .list();
    }

    /** Placements acknowledged between {@code horizon} and {@code cutoff} whose workflow never wrote the order row. */
    public List<Placement> unrecordedPlacements(Instant cutoff, Instant horizon, int limit) {
        return jdbc.sql(UNRECORDED_PLACEMENTS)
                .param("cutoff", SqlTimes.toSql(cutoff))
                .param("horizon", SqlTimes.toSql(horizon))
                .param("limit", limit)
                .query((rs, n) -> new Placement(rs.getString("tenant_id"), rs.getString("order_id")))
                .list();
    }

    /** The orders among {@code orderIds} that have a row, by order ID. */
    public Map<String, KnownOrder> orders(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(ORDERS_BY_ID)
                .param("ids", List.copyOf(orderIds))
                .query((rs, n) -> new KnownOrder(
                        rs.getString("order_id"),
                        rs.getString("tenant_id"),
                        OrderStatus.valueOf(rs.getString("status"))))
                .list()
                .stream()
                .collect(Collectors.toMap(KnownOrder::orderId, Function.identity()));
    }

    public StuckCounts stuck(Instant now, ReconciliationPolicy.StuckThresholds thresholds) {
        return jdbc.sql(STUCK)
                .param("notAccepted", SqlTimes.toSql(now.minus(thresholds.notAccepted())))
                .param("preparing", SqlTimes.toSql(now.minus(thresholds.preparing())))
                .param("pixPending", SqlTimes.toSql(now.minus(thresholds.pixPending())))
                .query((rs, n) -> new StuckCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .single();
    }
}
