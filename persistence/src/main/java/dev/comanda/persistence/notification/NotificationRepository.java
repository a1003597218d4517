package dev.comanda.persistence.notification;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code notifications}: one row per order, kind and recipient. A sender claims the row (SENDING) with a
 * conditional update before sending and marks it SENT after, so of all retries and duplicates only one
 * sends, and a SENT row is never sent again.
 *
 * <p>E-mails about an account rather than an order (a customer's sign-in code, a staff invitation, a
 * password reset) are rows of this table too: no order, a {@code message_id} of their own, and their
 * text. The API {@linkplain #queueAccountEmail queues} one; the workers' relay {@linkplain
 * #claimAccountEmail claims} it under the same protocol (a lease), sends it and marks it SENT, its text
 * (and the code in it) cleared; one not sent before it expires ends EXPIRED, cleared too. The code then
 * lives only in the mailbox and as a hash.
 */
@Repository
public class NotificationRepository {

    public record Target(String tenantId, String orderId, String kind, String recipient, String channel) {}

    /** What an account e-mail is about (its {@code kind}). */
    public enum AccountEmailKind {
        SIGN_IN_CODE,
        STAFF_INVITATION,
        PASSWORD_RESET
    }

    /** A claimed account e-mail, to be sent now. {@link #toString()} leaves the text (and its code) out. */
    public record AccountEmail(
            String messageId, String tenantId, AccountEmailKind kind, String recipient, String subject, String body) {

        @Override
        public String toString() {
            return "AccountEmail[messageId=" + messageId + ", kind=" + kind + "]";
        }
    }

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

    private static final String ACCOUNT_INSERT = """
            INSERT INTO notifications (tenant_id, order_id, kind, recipient, channel, status, attempts, created_at,
                                       message_id, subject, body, expires_at)
            VALUES (:tenantId, NULL, :kind, :recipient, 'EMAIL', 'PENDING', 0, :now,
                    :messageId, :subject, :body, :expiresAt)
            """;
    private static final String ACCOUNT_DUE = """
            SELECT message_id
            FROM notifications
            WHERE message_id IS NOT NULL
              AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < :leaseExpired))
              AND expires_at > :now
            ORDER BY id
            LIMIT :limit
            """;
    private static final String ACCOUNT_CLAIM = """
            UPDATE notifications
            SET status = 'SENDING', attempts = attempts + 1, claimed_at = :now
            WHERE message_id = :messageId
              AND expires_at > :now
              AND body IS NOT NULL
              AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_at < :leaseExpired))
            """;
    private static final String ACCOUNT_MESSAGE = """
            SELECT message_id, tenant_id, kind, recipient, subject, body
            FROM notifications
            WHERE message_id = :messageId
            """;
    private static final String ACCOUNT_MARK_SENT = """
            UPDATE notifications
            SET status = 'SENT', sent_at = :now, last_error = NULL, body = NULL
            WHERE message_id = :messageId
              AND status = 'SENDING'
            """;
    private static final String ACCOUNT_MARK_FAILED = """
            UPDATE notifications
            SET status = 'FAILED', last_error = :error
            WHERE message_id = :messageId
              AND status = 'SENDING'
            """;
    private static final String ACCOUNT_EXPIRE = """
            UPDATE notifications
            SET status = 'EXPIRED', body = NULL
            WHERE message_id IS NOT NULL
              AND status IN ('PENDING', 'FAILED')
              AND expires_at <= :now
            """;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * True when this caller now holds the row and must send; false when it is sent or being sent. No
     * transaction: the row is made if it is missing, then claimed; a sender that dies in between leaves a
     * PENDING row, which the next attempt claims.
     */
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

    public Optional<String> status(Target target) {
        return key(jdbc.sql(STATUS), target).query(String.class).optional();
    }

    public void markSent(Target target) {
        key(jdbc.sql(MARK_SENT), target).param("now", LocalDateTime.now(UTC)).update();
    }

    public void markFailed(Target target, String error) {
        var truncated = error != null && error.length() > 1000 ? error.substring(0, 1000) : error;
        key(jdbc.sql(MARK_FAILED), target).param("error", truncated).update();
    }

    /**
     * Queues an account e-mail for the relay; it is not sent after {@code expiresAt} (the code in it has
     * expired by then). Answers the message's ID.
     */
    public String queueAccountEmail(
            String tenantId, AccountEmailKind kind, String recipient, String subject, String body, Instant expiresAt) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var messageId = HexFormat.of().formatHex(bytes);
        jdbc.sql(ACCOUNT_INSERT)
                .param("tenantId", tenantId)
                .param("kind", kind.name())
                .param("recipient", recipient)
                .param("now", LocalDateTime.now(UTC))
                .param("messageId", messageId)
                .param("subject", subject)
                .param("body", body)
                .param("expiresAt", SqlTimes.toSql(expiresAt))
                .update();
        return messageId;
    }

    /** IDs of account e-mails waiting to be sent (new, failed, or left by a relay whose lease ran out), oldest first. */
    public List<String> dueAccountEmails(int limit, Duration lease) {
        var now = LocalDateTime.now(UTC);
        return jdbc.sql(ACCOUNT_DUE)
                .param("leaseExpired", now.minus(lease))
                .param("now", now)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** The e-mail, when this caller now holds it and must send it; empty when another holds it or it was sent. */
    @Transactional
    public Optional<AccountEmail> claimAccountEmail(String messageId, Duration lease) {
        var now = LocalDateTime.now(UTC);
        var claimed = jdbc.sql(ACCOUNT_CLAIM)
                        .param("messageId", messageId)
                        .param("now", now)
                        .param("leaseExpired", now.minus(lease))
                        .update()
                == 1;
        if (!claimed) {
            return Optional.empty();
        }
        return jdbc.sql(ACCOUNT_MESSAGE)
                .param("messageId", messageId)
                .query((rs, n) -> new AccountEmail(
                        rs.getString("message_id"),
                        rs.getString("tenant_id"),
                        AccountEmailKind.valueOf(rs.getString("kind")),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body")))
                .optional();
    }

    /** Sent: the text (and its code) is cleared. */
    public void markAccountEmailSent(String messageId) {
        jdbc.sql(ACCOUNT_MARK_SENT)
                .param("messageId", messageId)
                .param("now", LocalDateTime.now(UTC))
                .update();
    }

    /** Not sent this time; the next pass of a relay tries again until the e-mail expires. */
    public void markAccountEmailFailed(String messageId, String error) {
        var truncated = error != null && error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql(ACCOUNT_MARK_FAILED)
                .param("messageId", messageId)
                .param("error", truncated)
                .update();
    }

    /** Account e-mails not sent before they expired end EXPIRED, their text cleared; answers how many. */
    public int expireAccountEmails() {
        return jdbc.sql(ACCOUNT_EXPIRE).param("now", LocalDateTime.now(UTC)).update();
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

    /**
     * The same for every e-mail of an offboarded tenant, account e-mails (sign-in codes, invitations)
     * included: their text goes too, and one not sent yet never will be (EXPIRED). Idempotent.
     */
    public int anonymizeEmailRecipients(String tenantId) {
        return jdbc.sql(ANONYMIZE_TENANT_EMAILS).param("tenantId", tenantId).update();
    }

    /**
     * Erasure of a customer (docs/personal-data.md): the account e-mails sent to the address (its sign-in
     * codes) — no order names them; their text goes, and one not sent yet never will be. Idempotent.
     */
    public int anonymizeAccountEmails(String tenantId, String email) {
        return jdbc.sql(ANONYMIZE_ACCOUNT_EMAILS)
                .param("tenantId", tenantId)
                .param("email", email)
                .update();
    }

    private static final String ANONYMIZE_TENANT_EMAILS = """
            UPDATE notifications
            SET recipient = CONCAT('erased:', id), last_error = NULL, body = NULL,
                status = CASE WHEN order_id IS NULL AND status = 'PENDING' THEN 'EXPIRED' ELSE status END
            WHERE tenant_id = :tenantId
              AND channel = 'EMAIL'
              AND recipient NOT LIKE 'erased:%'
            """;
    private static final String ANONYMIZE_ACCOUNT_EMAILS = """
            UPDATE notifications
            SET recipient = CONCAT('erased:', id), last_error = NULL, body = NULL,
                status = CASE WHEN order_id IS NULL AND status = 'PENDING' THEN 'EXPIRED' ELSE status END
            WHERE tenant_id = :tenantId
              AND order_id IS NULL
              AND channel = 'EMAIL'
              AND recipient = :email
            """;
}
