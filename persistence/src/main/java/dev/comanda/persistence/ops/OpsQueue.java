package dev.comanda.persistence.ops;

import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.reconciliation.ReconciliationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders that went wrong, from the read model, payments, the marketplace sync log, the notifications'
 * outbox and the reconciliation's findings: one query per {@link QueueReason} (Temporal's failed workflows come from
 * visibility, in the API), each leaving out orders a person resolved. Reads only.
 */
@Component
@Transactional(readOnly = true)
public class OpsQueue {

    /** Every query: tenant filter (null: all), settled before {@code :before}, not resolved, at most {@code :limit}. */
    private static final String NOT_RESOLVED = """
              AND (:tenant IS NULL OR o.tenant_id = :tenant)
              AND (:order IS NULL OR o.order_id = :order)
              AND NOT EXISTS (SELECT 1 FROM ops_resolutions r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.order_id)
            """;

    private static final String ORDER_COLUMNS =
            "SELECT o.tenant_id, o.order_id, o.status, o.reason, o.updated_at AS since";

    private static final Map<QueueReason, String> QUERIES = new EnumMap<>(Map.of(
            QueueReason.REJECTED_INTERNAL_ERROR,
            ORDER_COLUMNS + """
                    , NULL AS detail
                    FROM orders o
                    WHERE o.status = 'REJECTED' AND o.reason = 'INTERNAL_ERROR'
                      AND o.updated_at < :before AND o.updated_at > :horizon
                    """ + NOT_RESOLVED,
            QueueReason.REJECTED_PAYMENT_UNAVAILABLE,
            ORDER_COLUMNS + """
                    , NULL AS detail
                    FROM orders o
                    WHERE o.status = 'REJECTED' AND o.reason = 'PAYMENT_UNAVAILABLE'
                      AND o.updated_at < :before AND o.updated_at > :horizon
                    """ + NOT_RESOLVED,
            QueueReason.MARKETPLACE_FAILING,
            """
                    SELECT o.tenant_id, o.order_id, o.status, o.reason, s.updated_at AS since,
                           CONCAT(s.channel, ': ', s.status, ' after ', s.attempts, ' attempts: ', COALESCE(s.last_error, '')) AS detail
                    FROM marketplace_sync_log s
                    JOIN orders o ON o.order_id = s.order_id COLLATE utf8mb4_bin AND o.tenant_id = s.tenant_id COLLATE utf8mb4_bin
                    WHERE s.status IN ('FAILED', 'CIRCUIT_OPEN')
                      AND (:tenant IS NULL OR s.tenant_id = :tenant)
                      AND s.updated_at < :before AND s.updated_at > :horizon
                    """ + NOT_RESOLVED,
            QueueReason.NOTIFICATION_GAVE_UP,
            """
                    SELECT o.tenant_id, o.order_id, o.status, o.reason, COALESCE(n.ended_at, n.created_at) AS since,
                           CONCAT(n.kind, ': ', COALESCE(n.last_error, 'gave up')) AS detail
                    FROM notification_outbox n
                    JOIN orders o ON o.order_id = n.order_id COLLATE utf8mb4_bin AND o.tenant_id = n.tenant_id COLLATE utf8mb4_bin
                    WHERE n.status = 'GAVE_UP'
                      AND (:tenant IS NULL OR n.tenant_id = :tenant)
                      AND COALESCE(n.ended_at, n.created_at) < :before
                      AND COALESCE(n.ended_at, n.created_at) > :horizon
                    """ + NOT_RESOLVED,
            QueueReason.REFUND_PENDING,
            ORDER_COLUMNS + """
                    , CONCAT('charge ', p.provider_id, ' still ', p.status) AS detail
                    FROM orders o
                    JOIN payments p ON p.tenant_id = o.tenant_id COLLATE utf8mb4_unicode_ci
                                   AND p.order_id = o.order_id COLLATE utf8mb4_unicode_ci
                    WHERE o.status IN ('REJECTED', 'CANCELLED')
                      AND p.kind = 'CHARGE' AND p.status IN ('SUCCEEDED', 'PENDING')
                      AND o.updated_at < :before AND o.updated_at > :horizon
                    """ + NOT_RESOLVED,
            QueueReason.STUCK_NOT_ACCEPTED,
            ORDER_COLUMNS + """
                    , 'not accepted' AS detail
                    FROM orders o
                    WHERE o.status = 'CONFIRMED' AND o.updated_at < LEAST(:before, :notAccepted)
                    """ + NOT_RESOLVED,
            QueueReason.STUCK_PREPARING,
            ORDER_COLUMNS + """
                    , 'in the kitchen too long' AS detail
                    FROM orders o
                    WHERE o.status IN ('ACCEPTED', 'PREPARING') AND o.updated_at < LEAST(:before, :preparing)
                    """ + NOT_RESOLVED,
            QueueReason.STUCK_PIX_PENDING,
            ORDER_COLUMNS + """
                    , 'PIX not paid' AS detail
                    FROM orders o
                    WHERE o.status = 'PENDING' AND o.payment_method = 'PIX' AND o.updated_at < LEAST(:before, :pixPending)
                    """ + NOT_RESOLVED,
            QueueReason.RECONCILIATION,
            """
                    SELECT f.tenant_id, f.order_id, o.status, o.reason, f.last_seen_at AS since,
                           CONCAT(f.kind, ' ', f.status, ': ', f.detail, COALESCE(CONCAT(' (', f.repair, ')'), '')) AS detail
                    FROM reconciliation_findings f
                    LEFT JOIN orders o ON o.order_id = f.order_id AND o.tenant_id = f.tenant_id
                    WHERE f.status IN ('LEFT_FOR_OPS', 'FAILED')
                      AND f.order_id IS NOT NULL
                      AND (:tenant IS NULL OR f.tenant_id = :tenant)
                      AND (:order IS NULL OR f.order_id = :order)
                      AND f.last_seen_at < :before
                      AND NOT EXISTS (SELECT 1 FROM ops_resolutions r WHERE r.tenant_id = f.tenant_id AND r.order_id = f.order_id)
                    """));

    /** Entries one order can have per reason (a marketplace each): plenty. */
    private static final int PER_ORDER = 20;

    private final JdbcClient jdbc;
    private final ReconciliationProperties properties;
    private final Clock clock = Clock.systemUTC();

    OpsQueue(JdbcClient jdbc, ReconciliationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * The queue for {@code reasons} (all of the database's when empty), oldest first: entries of
     * {@code tenantId} (null: every tenant) that have been so for at least {@code minAge}.
     */
    public List<QueueEntry> list(Set<QueueReason> reasons, String tenantId, Duration minAge, int limit) {
        return list(reasons, tenantId, null, minAge, limit);
    }

    /** Why one order is in the queue; empty when nothing is wrong with it (or a person resolved it). */
    public List<QueueEntry> problemsOf(String tenantId, String orderId) {
        return list(Set.of(), tenantId, orderId, Duration.ZERO, QUERIES.size() * PER_ORDER);
    }

    private List<QueueEntry> list(
            Set<QueueReason> reasons, String tenantId, String orderId, Duration minAge, int limit) {
        var now = clock.instant();
        var entries = new ArrayList<QueueEntry>();
        for (var query : QUERIES.entrySet()) {
            if (reasons.isEmpty() || reasons.contains(query.getKey())) {
                entries.addAll(
                        run(query.getKey(), query.getValue() + " LIMIT :limit", tenantId, orderId, now, minAge, limit));
            }
        }
        entries.sort(Comparator.comparing(QueueEntry::since, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    private List<QueueEntry> run(
            QueueReason reason, String sql, String tenantId, String orderId, Instant now, Duration minAge, int limit) {
        var stuck = properties.stuck();
        return jdbc.sql(sql)
                .param("tenant", tenantId)
                .param("order", orderId)
                .param("before", SqlTimes.toSql(now.minus(minAge)))
                .param("horizon", SqlTimes.toSql(now.minus(properties.lookback())))
                .param("notAccepted", SqlTimes.toSql(now.minus(stuck.notAccepted())))
                .param("preparing", SqlTimes.toSql(now.minus(stuck.preparing())))
                .param("pixPending", SqlTimes.toSql(now.minus(stuck.pixPending())))
                .param("limit", limit)
                .query((rs, n) -> new QueueEntry(
                        rs.getString("tenant_id"),
                        rs.getString("order_id"),
                        reason,
                        rs.getString("status"),
                        rs.getString("reason"),
                        SqlTimes.fromSql(rs.getObject("since", LocalDateTime.class)),
                        rs.getString("detail")))
                .list();
    }
}
