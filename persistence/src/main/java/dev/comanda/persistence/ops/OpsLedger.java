package dev.comanda.persistence.ops;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit of ops actions ({@code ops_actions}, one row per idempotency key) and the resolutions
 * ({@code ops_resolutions}, one per order). The unique keys decide: a repeated request finds its row
 * and answers what the first did, a second resolution of one order is refused.
 */
@Repository
public class OpsLedger {

    public enum ActionKind {
        RESOLVE,
        RETRY_MARKETPLACE,
        RETRY_REFUND,
        /** A notification that gave up queued again (docs/operations.md, "Customers or restaurants are not notified"). */
        RETRY_NOTIFICATION,
        RESET_WORKFLOW,
        /** The order's customer's personal data erased on request (docs/personal-data.md). */
        ERASE_CUSTOMER,
        /** The whole restaurant closed for good and its customers erased (no order: {@code orderId} null). */
        OFFBOARD_TENANT
    }

    /**
     * One ops action. {@code actor} is who acted as the audit has always named it ({@code staff 12},
     * {@code ops token 3}, {@code operator}); {@code actorName} the name people read (null before it was kept).
     */
    public record Action(
            String tenantId,
            String orderId,
            String idempotencyKey,
            ActionKind action,
            String actor,
            String note,
            String outcome,
            Instant at,
            String actorName) {

        public Action(
                String tenantId,
                String orderId,
                String idempotencyKey,
                ActionKind action,
                String actor,
                String note,
                String outcome,
                Instant at) {
            this(tenantId, orderId, idempotencyKey, action, actor, note, outcome, at, null);
        }
    }

    public record Resolution(
            String tenantId,
            String orderId,
            String resolvedBy,
            String note,
            Instant resolvedAt,
            String resolvedByName) {

        public Resolution(String tenantId, String orderId, String resolvedBy, String note, Instant resolvedAt) {
            this(tenantId, orderId, resolvedBy, note, resolvedAt, null);
        }
    }

    private static final String INSERT_ACTION = """
            INSERT INTO ops_actions (tenant_id, order_id, idempotency_key, action, actor, note, outcome, created_at,
                                     actor_name)
            VALUES (:tenantId, :orderId, :key, :action, :actor, :note, :outcome, :at, :actorName)
            """;
    private static final String COMPLETE_ACTION = """
            UPDATE ops_actions
            SET outcome = :outcome
            WHERE idempotency_key = :key
            """;
    private static final String ACTION_COLUMNS = """
            SELECT tenant_id, order_id, idempotency_key, action, actor, note, outcome, created_at, actor_name
            FROM ops_actions
            """;
    private static final String INSERT_RESOLUTION = """
            INSERT INTO ops_resolutions (tenant_id, order_id, resolved_by, note, resolved_at, resolved_by_name)
            VALUES (:tenantId, :orderId, :by, :note, :at, :byName)
            """;
    private static final String FIND_RESOLUTION = """
            SELECT tenant_id, order_id, resolved_by, note, resolved_at, resolved_by_name
            FROM ops_resolutions
            WHERE tenant_id = :tenantId AND order_id = :orderId
            """;

    private final JdbcClient jdbc;

    OpsLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scoped key an action is stored under: keys are the caller's, per tenant. */
    public static String scopedKey(String tenantId, String idempotencyKey) {
        return tenantId + ':' + idempotencyKey;
    }

    @Transactional(readOnly = true)
    public Optional<Action> action(String scopedKey) {
        return jdbc.sql(ACTION_COLUMNS + " WHERE idempotency_key = :key")
                .param("key", scopedKey)
                .query(OpsLedger::action)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Action> actionsOf(String tenantId, String orderId) {
        return jdbc.sql(ACTION_COLUMNS + " WHERE tenant_id = :tenantId AND order_id = :orderId ORDER BY id")
                .param("tenantId", tenantId)
                .param("orderId", orderId)
                .query(OpsLedger::action)
                .list();
    }

    /** Records an action about to be taken; false when its key is already used (the caller replays). */
    @Transactional
    public boolean begin(Action action) {
        try {
            insert(action);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Transactional
    public void complete(String scopedKey, String outcome) {
        jdbc.sql(COMPLETE_ACTION)
                .param("outcome", truncate(outcome))
                .param("key", scopedKey)
                .update();
    }

    /**
     * Resolves the order and audits it in one transaction. Empty when the key was used before or the
     * order is resolved already: nothing is written then, and the caller reads which it was.
     */
    @Transactional
    public Optional<Resolution> resolve(Action action) {
        try {
            insert(action);
            jdbc.sql(INSERT_RESOLUTION)
                    .param("tenantId", action.tenantId())
                    .param("orderId", action.orderId())
                    .param("by", action.actor())
                    .param("byName", name(action.actorName()))
                    .param("note", truncate(action.note()))
                    .param("at", SqlTimes.toSql(action.at()))
                    .update();
        } catch (DuplicateKeyException e) {
            org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus()
                    .setRollbackOnly();
            return Optional.empty();
        }
        return Optional.of(new Resolution(
                action.tenantId(),
                action.orderId(),
                action.actor(),
                action.note(),
                SqlTimes.micros(action.at()),
                name(action.actorName())));
    }

    @Transactional(readOnly = true)
    public Optional<Resolution> resolution(String tenantId, String orderId) {
        return jdbc.sql(FIND_RESOLUTION)
                .param("tenantId", tenantId)
                .param("orderId", orderId)
                .query((rs, n) -> new Resolution(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        SqlTimes.fromSql(rs.getObject(5, LocalDateTime.class)),
                        rs.getString(6)))
                .optional();
    }

    private void insert(Action action) {
        jdbc.sql(INSERT_ACTION)
                .param("tenantId", action.tenantId())
                .param("orderId", action.orderId())
                .param("key", action.idempotencyKey())
                .param("action", action.action().name())
                .param("actor", action.actor())
                .param("note", truncate(action.note()))
                .param("outcome", truncate(action.outcome()))
                .param("at", SqlTimes.toSql(action.at()))
                .param("actorName", name(action.actorName()))
                .update();
    }

    private static Action action(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Action(
                rs.getString("tenant_id"),
                rs.getString("order_id"),
                rs.getString("idempotency_key"),
                ActionKind.valueOf(rs.getString("action")),
                rs.getString("actor"),
                rs.getString("note"),
                rs.getString("outcome"),
                SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                rs.getString("actor_name"));
    }

    private static String name(String text) {
        return text == null || text.length() <= 254 ? text : text.substring(0, 254);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
