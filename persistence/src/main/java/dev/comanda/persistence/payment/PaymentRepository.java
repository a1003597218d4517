package dev.comanda.persistence.payment;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payments} table: one row per provider call, unique by the idempotency key sent with it.
 * Status moves only forward through conditional updates, so a late retry or a replayed provider
 * answer never undoes what a webhook or a refund already recorded.
 */
@Repository
public class PaymentRepository {

    public enum Kind {
        CHARGE,
        REFUND
    }

    /** REQUESTED: written before the call, the outcome unknown. The rest are the outcomes. */
    public enum Status {
        REQUESTED,
        PENDING,
        SUCCEEDED,
        DECLINED,
        FAILED,
        REFUNDED,
        VOIDED
    }

    public record NewPayment(
            String tenantId,
            String orderId,
            Kind kind,
            String idempotencyKey,
            String chargeKey,
            String method,
            long amountCents,
            String currency,
            String requestBody) {}

    public record PaymentRow(
            String tenantId,
            String orderId,
            Kind kind,
            String idempotencyKey,
            String chargeKey,
            String method,
            long amountCents,
            String currency,
            Status status,
            String providerId,
            String pixCode,
            String requestBody,
            String lastError) {}

    private static final String COLUMNS = """
            tenant_id, order_id, kind, idempotency_key, charge_key, method, amount_cents, currency,
            status, provider_id, pix_code, request_body, last_error
            """;

    private static final String INSERT_REQUESTED = """
            INSERT INTO payments (tenant_id, order_id, kind, idempotency_key, charge_key, method,
                                  amount_cents, currency, status, request_body, created_at, updated_at)
            VALUES (:tenantId, :orderId, :kind, :idempotencyKey, :chargeKey, :method,
                    :amountCents, :currency, 'REQUESTED', :requestBody, :now, :now)
            ON DUPLICATE KEY UPDATE id = id
            """;

    private static final String FIND_BY_KEY = "SELECT " + COLUMNS + """
            FROM payments
            WHERE idempotency_key = :key
            """;

    private static final String FIND_BY_PROVIDER_ID = "SELECT " + COLUMNS + """
            FROM payments
            WHERE provider_id = :providerId
            """;

    private static final String RECORD_OUTCOME = """
            UPDATE payments
            SET status = :status, provider_id = :providerId, pix_code = :pixCode, last_error = NULL, updated_at = :now
            WHERE idempotency_key = :key
              AND status = 'REQUESTED'
            """;

    private static final String RECORD_FAILURE = """
            UPDATE payments
            SET status = :status, last_error = :error, updated_at = :now
            WHERE idempotency_key = :key
              AND status = 'REQUESTED'
            """;

    private static final String SETTLE_CHARGE = """
            UPDATE payments
            SET status = :status, updated_at = :now
            WHERE idempotency_key = :key
              AND kind = 'CHARGE'
              AND status IN ('PENDING', 'SUCCEEDED')
            """;

    private static final String MARK_PIX_PAID = """
            UPDATE payments
            SET status = 'SUCCEEDED', provider_id = :providerId, updated_at = :now
            WHERE idempotency_key = :key
              AND kind = 'CHARGE'
              AND method = 'PIX'
              AND status IN ('REQUESTED', 'PENDING')
              AND (provider_id IS NULL OR provider_id = :providerId)
            """;

    /** Rows are stamped in UTC, whatever the JVM's zone. */
    private static final Clock UTC = Clock.systemUTC();

    private final JdbcClient jdbc;

    public PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row as REQUESTED unless its idempotency key is already there. */
    public void insertRequested(NewPayment payment) {
        jdbc.sql(INSERT_REQUESTED)
                .param("tenantId", payment.tenantId())
                .param("orderId", payment.orderId())
                .param("kind", payment.kind().name())
                .param("idempotencyKey", payment.idempotencyKey())
                .param("chargeKey", payment.chargeKey())
                .param("method", payment.method())
                .param("amountCents", payment.amountCents())
                .param("currency", payment.currency())
                .param("requestBody", payment.requestBody())
                .param("now", now())
                .update();
    }

    public Optional<PaymentRow> findByKey(String key) {
        return jdbc.sql(FIND_BY_KEY).param("key", key).query(PaymentRow.class).optional();
    }

    public Optional<PaymentRow> findByProviderId(String providerId) {
        return jdbc.sql(FIND_BY_PROVIDER_ID)
                .param("providerId", providerId)
                .query(PaymentRow.class)
                .optional();
    }

    /** Records the provider's answer to a REQUESTED row; a row already past REQUESTED keeps its status. */
    public void recordOutcome(String key, Status status, String providerId, String pixCode) {
        jdbc.sql(RECORD_OUTCOME)
                .param("status", status.name())
                .param("providerId", providerId)
                .param("pixCode", pixCode)
                .param("now", now())
                .param("key", key)
                .update();
    }

    public void recordFailure(String key, Status status, String error) {
        jdbc.sql(RECORD_FAILURE)
                .param("status", status.name())
                .param("error", truncate(error))
                .param("now", now())
                .param("key", key)
                .update();
    }

    /** A charge was refunded or voided: its row says so, for the money reconciliation. */
    public void settleCharge(String chargeKey, Status status) {
        jdbc.sql(SETTLE_CHARGE)
                .param("status", status.name())
                .param("now", now())
                .param("key", chargeKey)
                .update();
    }

    /** The provider said the PIX charge was paid; true when this call moved the row to SUCCEEDED. */
    public boolean markPixPaid(String chargeKey, String providerId) {
        return jdbc.sql(MARK_PIX_PAID)
                        .param("providerId", providerId)
                        .param("now", now())
                        .param("key", chargeKey)
                        .update()
                == 1;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    /**
     * Erasure (docs/personal-data.md): the charge request kept for a replay names the customer's e-mail as
     * {@code receipt_email}; settled charges (any status but REQUESTED or PENDING, whose replay must send
     * the very same body) lose it. Amounts, keys and statuses stay for the books. Idempotent.
     *
     * @return rows changed
     */
    public int anonymizeReceiptEmails(String tenantId, java.util.List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(ANONYMIZE_RECEIPT_EMAILS + ORDERS_AMONG)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .update();
    }

    /** The same for every settled charge of an offboarded tenant. */
    public int anonymizeReceiptEmails(String tenantId) {
        return jdbc.sql(ANONYMIZE_RECEIPT_EMAILS).param("tenantId", tenantId).update();
    }

    private static final String ANONYMIZE_RECEIPT_EMAILS = """
            UPDATE payments
            SET request_body = JSON_REMOVE(request_body, '$.receipt_email')
            WHERE tenant_id = :tenantId
              AND kind = 'CHARGE'
              AND status NOT IN ('REQUESTED', 'PENDING')
              AND JSON_CONTAINS_PATH(request_body, 'one', '$.receipt_email')
            """;
    private static final String ORDERS_AMONG = """
              AND order_id IN (:orderIds)
            """;
}
