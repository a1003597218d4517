package dev.comanda.persistence.sync;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code marketplace_sync_log}: one row per order and channel counting the push attempts and keeping
 * the last outcome. A SYNCED row is final: later writes leave it alone.
 */
@Repository
public class SyncLogRepository {

    public enum Status {
        SYNCING,
        SYNCED,
        FAILED,
        CIRCUIT_OPEN
    }

    public record SyncLog(
            String tenantId,
            String orderId,
            String channel,
            Status status,
            int attempts,
            String externalId,
            String lastError) {}

    private static final Clock UTC = Clock.systemUTC();

    private static final String FIND = """
            SELECT tenant_id, order_id, channel, status, attempts, external_id, last_error
            FROM marketplace_sync_log
            WHERE order_id = :orderId
              AND channel = :channel
            """;

    private static final String START_ATTEMPT = """
            INSERT INTO marketplace_sync_log (tenant_id, order_id, channel, status, attempts, created_at, updated_at)
            VALUES (:tenantId, :orderId, :channel, 'SYNCING', 1, :now, :now)
            ON DUPLICATE KEY UPDATE
                attempts = CASE WHEN status = 'SYNCED' THEN attempts ELSE attempts + 1 END,
                status = CASE WHEN status = 'SYNCED' THEN status ELSE 'SYNCING' END,
                updated_at = :now
            """;

    private static final String MARK_SYNCED = """
            UPDATE marketplace_sync_log
            SET status = 'SYNCED', external_id = :externalId, last_error = NULL, updated_at = :now
            WHERE order_id = :orderId
              AND channel = :channel
              AND status <> 'SYNCED'
            """;

    private static final String MARK_FAILED = """
            UPDATE marketplace_sync_log
            SET status = :status, last_error = :error, updated_at = :now
            WHERE order_id = :orderId
              AND channel = :channel
              AND status <> 'SYNCED'
            """;

    private final JdbcClient jdbc;

    public SyncLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<SyncLog> find(String orderId, String channel) {
        return jdbc.sql(FIND)
                .param("orderId", orderId)
                .param("channel", channel)
                .query(SyncLog.class)
                .optional();
    }

    @Transactional
    public void startAttempt(String tenantId, String orderId, String channel) {
        jdbc.sql(START_ATTEMPT)
                .param("tenantId", tenantId)
                .param("orderId", orderId)
                .param("channel", channel)
                .param("now", LocalDateTime.now(UTC))
                .update();
    }

    @Transactional
    public void markSynced(String orderId, String channel, String externalId) {
        jdbc.sql(MARK_SYNCED)
                .param("externalId", externalId)
                .param("now", LocalDateTime.now(UTC))
                .param("orderId", orderId)
                .param("channel", channel)
                .update();
    }

    @Transactional
    public void markFailed(String orderId, String channel, Status status, String error) {
        var truncated = error != null && error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql(MARK_FAILED)
                .param("status", status.name())
                .param("error", truncated)
                .param("now", LocalDateTime.now(UTC))
                .param("orderId", orderId)
                .param("channel", channel)
                .update();
    }
}
