package dev.comanda.persistence.notification;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code notification_outbox}: an order's notification queued in the transaction of the read-model write
 * that calls for it (each status people are told about), one row per (tenant, order, kind), for the workers'
 * relay to send.
 * A sender claims the row (SENDING) with a conditional update and a lease, as {@link NotificationRepository}
 * claims a recipient, so any number of relays may run and each row is sent by one of them at a time; the
 * per-recipient rows of {@code notifications} keep a re-sent row from reaching anyone twice. The payload
 * (the order, its customer included) is cleared once the row is SENT, GAVE_UP or ERASED, the three ends, each
 * stamped {@code ended_at}; the relay deletes a row a retention after it ended.
 */
@Repository
public class NotificationOutbox {

    /** What a row is the notification of. */
    public record Key(String tenantId, String orderId, String kind) {}

    /** A row this caller now holds: send {@code payload}, then mark it. */
    public record Claimed(Key key, String payload, int attempts, Instant createdAt) {

        @Override
        public String toString() {
            return "Claimed[" + key + ", attempts=" + attempts + "]";
        }
    }

    /** Published in the transaction that queued a row; its relay sends the row once that transaction commits. */
    public record Queued(Key key) {}

    private static final Clock UTC = Clock.systemUTC();

    private static final String INSERT = """
            INSERT INTO notification_outbox (tenant_id, order_id, kind, payload, status, attempts, created_at)
            VALUES (:tenantId, :orderId, :kind, :payload, 'PENDING', 0, :now)
            ON DUPLICATE KEY UPDATE id = id
            """;

    // An operator's "send it again": a fresh PENDING row, with a fresh hour and backoff, from its current payload.
    private static final String REQUEUE = """
            UPDATE notification_outbox
            SET status = 'PENDING', payload = :payload, attempts = 0, created_at = :now, claimed_at = NULL,
                next_attempt_at = NULL, last_error = NULL, ended_at = NULL
            WHERE tenant_id = :tenantId AND order_id = :orderId AND kind = :kind
              AND status = 'GAVE_UP'
            """;

    private static final String STATUS = """
            SELECT status FROM notification_outbox
            WHERE tenant_id = :tenantId AND order_id = :orderId AND kind = :kind
            """;

    // A PENDING row is its writer's to send at once; others take it only once it is older than the grace.
    private static final String DUE = """
            SELECT tenant_id, order_id, kind
            FROM notification_outbox
            WHERE (status = 'PENDING' AND created_at <= :pendingBefore)
               OR (status = 'FAILED' AND next_attempt_at <= :now)
               OR (status = 'SENDING' AND claimed_at < :leaseExpired)
            ORDER BY id
            LIMIT :limit
            """;

    // A SENDING row whose lease ran out belongs to a sender that died: it may be claimed again.
    private static final String CLAIM = """
            UPDATE notification_outbox
            SET status = 'SENDING', attempts = attempts + 1, claimed_at = :now
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
              AND kind = :kind
              AND payload IS NOT NULL
              AND (status = 'PENDING'
                   OR (status = 'FAILED' AND next_attempt_at <= :now)
                   OR (status = 'SENDING' AND claimed_at < :leaseExpired))
            """;

    // The row only while it is still this claim's: SENDING, stamped with the claim's time, its payload there.
    private static final String CLAIMED = """
            SELECT payload, attempts, created_at
            FROM notification_outbox
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
              AND kind = :kind
              AND status = 'SENDING'
              AND claimed_at = :claimedAt
              AND payload IS NOT NULL
            """;

    private static final String MARK_SENT = """
            UPDATE notification_outbox
            SET status = 'SENT', sent_at = :now, ended_at = :now, payload = NULL, last_error = NULL,
                next_attempt_at = NULL
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
              AND kind = :kind
              AND status = 'SENDING'
            """;

    // FAILED keeps the payload for the next attempt; GAVE_UP (its time ran out) clears it.
    private static final String MARK_UNSENT = """
            UPDATE notification_outbox
            SET status = :status, last_error = :error, next_attempt_at = :nextAttemptAt,
                payload = CASE WHEN :status = 'GAVE_UP' THEN NULL ELSE payload END,
                ended_at = CASE WHEN :status = 'GAVE_UP' THEN :now ELSE NULL END
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
              AND kind = :kind
              AND status = 'SENDING'
            """;

    private static final String OVERDUE = """
            SELECT tenant_id, order_id, kind
            FROM notification_outbox
            WHERE created_at <= :deadline
              AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < :leaseExpired))
            ORDER BY id
            LIMIT :limit
            """;

    private static final String GIVE_UP_OVERDUE = """
            UPDATE notification_outbox
            SET status = 'GAVE_UP', payload = NULL, next_attempt_at = NULL, ended_at = :now,
                last_error = COALESCE(last_error, 'never sent')
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
              AND kind = :kind
              AND created_at <= :deadline
              AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < :leaseExpired))
            """;

    // Erasure: the payload (the order and its customer) and any error quoting a recipient go; a row not sent
    // yet never will be. A sender holding the row finds it ERASED and cannot mark it. ended_at is set before
    // status: the assignments of an UPDATE see the values set before them.
    private static final String ERASE = """
            UPDATE notification_outbox
            SET payload = NULL, last_error = NULL,
                ended_at = CASE WHEN status IN ('PENDING', 'SENDING', 'FAILED') THEN :now ELSE ended_at END,
                status = CASE WHEN status IN ('PENDING', 'SENDING', 'FAILED') THEN 'ERASED' ELSE status END
            """;

    private static final String ERASE_ORDERS = ERASE + """
            WHERE tenant_id = :tenantId
              AND order_id IN (:orderIds)
              AND (payload IS NOT NULL OR last_error IS NOT NULL)
            """;

    private static final String ERASE_TENANT = ERASE + """
            WHERE tenant_id = :tenantId
              AND (payload IS NOT NULL OR last_error IS NOT NULL)
            """;

    // Oldest first along ix_notification_outbox_ended: a statement reads no more rows than it deletes.
    private static final String DELETE_ENDED = """
            DELETE FROM notification_outbox
            WHERE ended_at < :endedBefore
              AND status IN ('SENT', 'GAVE_UP', 'ERASED')
            ORDER BY ended_at
            LIMIT :limit
            """;

    private final JdbcClient jdbc;

    public NotificationOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the notification in the caller's transaction (one is required: the row must commit or roll
     * back with the write that calls for it). A repeat is a no-op; answers whether this call queued it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean queue(Key key, String payload) {
        return queueWith(INSERT, key, payload);
    }

    /**
     * Rows waiting for a send, oldest first: PENDING ones queued before {@code pendingBefore} (their writer's
     * send did not happen), FAILED ones whose next attempt is due, and SENDING ones whose sender's lease ran out.
     */
    public List<Key> due(Instant pendingBefore, Duration lease, int limit) {
        var now = UTC.instant();
        return jdbc.sql(DUE)
                .param("pendingBefore", SqlTimes.toSql(pendingBefore))
                .param("now", SqlTimes.toSql(now))
                .param("leaseExpired", SqlTimes.toSql(now.minus(lease)))
                .param("limit", limit)
                .query((rs, n) -> new Key(rs.getString("tenant_id"), rs.getString("order_id"), rs.getString("kind")))
                .list();
    }

    /**
     * The row, when this caller now holds it and must send it; empty when it is sent, being sent or not due.
     * No transaction: the claim is one atomic UPDATE, and the read after it takes the row only while it is
     * still this claim's, so a row erased or given up in between reads as not claimed.
     */
    public Optional<Claimed> claim(Key key, Duration lease) {
        var now = UTC.instant();
        var claimed = key(jdbc.sql(CLAIM), key)
                        .param("now", SqlTimes.toSql(now))
                        .param("leaseExpired", SqlTimes.toSql(now.minus(lease)))
                        .update()
                == 1;
        if (!claimed) {
            return Optional.empty();
        }
        return key(jdbc.sql(CLAIMED), key)
                .param("claimedAt", SqlTimes.toSql(now))
                .query((rs, n) -> new Claimed(
                        key,
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class))))
                .optional();
    }

    /**
     * Queues a row that gave up once more, in the caller's transaction, with {@code payload} (the order as it is
     * now: the given-up row's was cleared): PENDING, no attempts, and a new hour before it gives up again. A row
     * in any other state is left alone; answers whether this call queued it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean requeueGivenUp(Key key, String payload) {
        return queueWith(REQUEUE, key, payload);
    }

    /** Runs {@code statement}, which makes the row PENDING with {@code payload} as of now; true when it did. */
    private boolean queueWith(String statement, Key key, String payload) {
        return key(jdbc.sql(statement), key)
                        .param("payload", payload)
                        .param("now", SqlTimes.toSql(UTC.instant()))
                        .update()
                == 1;
    }

    /** The row's status (PENDING, SENDING, SENT, FAILED, GAVE_UP, ERASED); empty when there is none. */
    public Optional<String> status(Key key) {
        return key(jdbc.sql(STATUS), key).query(String.class).optional();
    }

    /** Sent: the payload is cleared. */
    public void markSent(Key key) {
        key(jdbc.sql(MARK_SENT), key)
                .param("now", SqlTimes.toSql(UTC.instant()))
                .update();
    }

    /** Not sent this time; tried again from {@code nextAttemptAt}. */
    public void markFailed(Key key, String error, Instant nextAttemptAt) {
        markUnsent(key, "FAILED", error, nextAttemptAt);
    }

    /** Never to be sent: its time ran out. The payload is cleared. */
    public void markGaveUp(Key key, String error) {
        markUnsent(key, "GAVE_UP", error, null);
    }

    private void markUnsent(Key key, String status, String error, Instant nextAttemptAt) {
        key(jdbc.sql(MARK_UNSENT), key)
                .param("status", status)
                .param("error", truncated(error))
                .param("nextAttemptAt", SqlTimes.toSql(nextAttemptAt))
                .param("now", SqlTimes.toSql(UTC.instant()))
                .update();
    }

    /**
     * Gives up the rows queued before {@code deadline} that are still unsent and held by no live sender;
     * answers which it gave up.
     */
    @Transactional
    public List<Key> giveUpOverdue(Instant deadline, Duration lease, int limit) {
        var now = UTC.instant();
        var leaseExpired = SqlTimes.toSql(now.minus(lease));
        var overdue = jdbc.sql(OVERDUE)
                .param("deadline", SqlTimes.toSql(deadline))
                .param("leaseExpired", leaseExpired)
                .param("limit", limit)
                .query((rs, n) -> new Key(rs.getString("tenant_id"), rs.getString("order_id"), rs.getString("kind")))
                .list();
        return overdue.stream()
                .filter(key -> key(jdbc.sql(GIVE_UP_OVERDUE), key)
                                .param("deadline", SqlTimes.toSql(deadline))
                                .param("leaseExpired", leaseExpired)
                                .param("now", SqlTimes.toSql(now))
                                .update()
                        == 1)
                .toList();
    }

    /**
     * Erasure of a customer (docs/personal-data.md): these orders' rows lose their payload and errors; one
     * not sent yet never will be (ERASED). Idempotent.
     *
     * @return rows changed
     */
    public int erase(String tenantId, List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(ERASE_ORDERS)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .param("now", SqlTimes.toSql(UTC.instant()))
                .update();
    }

    /** The same for every row of an offboarded tenant. Idempotent. */
    public int erase(String tenantId) {
        return jdbc.sql(ERASE_TENANT)
                .param("tenantId", tenantId)
                .param("now", SqlTimes.toSql(UTC.instant()))
                .update();
    }

    /**
     * Retention: deletes at most {@code limit} rows that ended (SENT, GAVE_UP or ERASED) before
     * {@code endedBefore}, oldest first, in a transaction of their own, so a large backlog never holds many
     * locks at once; answers how many it deleted (fewer than {@code limit}: none are left).
     */
    public int deleteEnded(Instant endedBefore, int limit) {
        return jdbc.sql(DELETE_ENDED)
                .param("endedBefore", SqlTimes.toSql(endedBefore))
                .param("limit", limit)
                .update();
    }

    private static JdbcClient.StatementSpec key(JdbcClient.StatementSpec statement, Key key) {
        return statement
                .param("tenantId", key.tenantId())
                .param("orderId", key.orderId())
                .param("kind", key.kind());
    }

    private static String truncated(String error) {
        return error != null && error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
