package dev.comanda.persistence.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code notifications}: one row per order, kind and recipient. A sender claims the row (SENDING) with a
 * conditional update before sending and marks it SENT after, so of all retries and duplicates only one
 * sends, and a SENT row is never sent again.
 */
@Repository
public class NotificationRepository {

    public record Target(String tenantId, String orderId, String kind, String recipient, String channel) {}

    private static final Clock UTC = Clock.systemUTC();

    private static final String INSERT = """
            INSERT INTO notifications (tenant_id, order_id, kind, recipient, channel, status, attempts, created_at)
            VALUES (:tenantId, :orderId, :kind, :recipient, :channel, 'PENDING', 0, :now)
            ON DUPLICATE KEY UPDATE id = id
            """;

    // A SENDING row whose lease ran out belongs to a sender that died: it may be claimed again.
    private static final String CLAIM = """
            UPDATE notifications
            SET status = 'SENDING', attempts = attempts + 1, claimed_at = :now
            WHERE order_id = :orderId
              AND kind = :kind
              AND recipient = :recipient
              AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < :leaseExpired))
            """;

    private static final String STATUS = """
            SELECT status
            FROM notifications
            WHERE order_id = :orderId
              AND kind = :kind
              AND recipient = :recipient
            """;

    private static final String MARK_SENT = """
            UPDATE notifications
            SET status = 'SENT', sent_at = :now, last_error = NULL
            WHERE order_id = :orderId
              AND kind = :kind
              AND recipient = :recipient
              AND status = 'SENDING'
            """;

    private static final String MARK_FAILED = """
            UPDATE notifications
            SET status = 'FAILED', last_error = :error
            WHERE order_id = :orderId
              AND kind = :kind
              AND recipient = :recipient
              AND status = 'SENDING'
            """;

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this caller now holds the row and must send; false when it is sent or being sent. */
    @Transactional
    public boolean claim(Target target, Duration lease) {
        var now = LocalDateTime.now(UTC);
        jdbc.sql(INSERT)
                .param("tenantId", target.tenantId())
                .param("orderId", target.orderId())
                .param("kind", target.kind())
                .param("recipient", target.recipient())
                .param("channel", target.channel())
                .param("now", now)
                .update();
        return key(jdbc.sql(CLAIM), target)
                        .param("now", now)
                        .param("leaseExpired", now.minus(lease))
                        .update()
                == 1;
    }

    @Transactional(readOnly = true)
    public Optional<String> status(Target target) {
        return key(jdbc.sql(STATUS), target).query(String.class).optional();
    }

    @Transactional
    public void markSent(Target target) {
        key(jdbc.sql(MARK_SENT), target).param("now", LocalDateTime.now(UTC)).update();
    }

    @Transactional
    public void markFailed(Target target, String error) {
        var truncated = error != null && error.length() > 1000 ? error.substring(0, 1000) : error;
        key(jdbc.sql(MARK_FAILED), target).param("error", truncated).update();
    }

    private static JdbcClient.StatementSpec key(JdbcClient.StatementSpec statement, Target target) {
        return statement
                .param("orderId", target.orderId())
                .param("kind", target.kind())
                .param("recipient", target.recipient());
    }

    /**
     * Erasure (docs/personal-data.md): the customer's e-mail leaves these orders' e-mail notifications (the
     * recipient becomes {@code erased:<id>}, still unique), and so does any error that might quote it.
     * Restaurant webhooks are kept. Idempotent.
     *
     * @return rows changed
     */
    @Transactional
    public int anonymizeEmailRecipients(String tenantId, java.util.List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(ANONYMIZE_EMAIL_RECIPIENTS)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .update();
    }

    private static final String ANONYMIZE_EMAIL_RECIPIENTS = """
            UPDATE notifications
            SET recipient = CONCAT('erased:', id), last_error = NULL
            WHERE tenant_id = :tenantId
              AND order_id IN (:orderIds)
              AND channel = 'EMAIL'
              AND recipient NOT LIKE 'erased:%'
            """;
}
