package dev.comanda.persistence.identity;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers who sign in with a one-time code by e-mail: one account per tenant and address (lower case),
 * created the first time a code sent there is used. There is no password; the mailbox is the credential.
 */
@Service
public class CustomerAccounts {

    /** A customer's account. */
    public record CustomerAccount(long id, String tenantId, String email, Instant createdAt, Instant signedInAt) {

        @Override
        public String toString() {
            return "CustomerAccount[id=" + id + ", tenantId=" + tenantId + "]";
        }
    }

    private static final String UPSERT = """
            INSERT INTO customer_accounts (tenant_id, email, created_at, signed_in_at)
            VALUES (:tenantId, :email, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE signed_in_at = UTC_TIMESTAMP(6)
            """;
    private static final String COLUMNS = """
            SELECT id, tenant_id, email, created_at, signed_in_at
            FROM customer_accounts
            """;
    private static final String BY_EMAIL = COLUMNS + """
            WHERE tenant_id = :tenantId
              AND email = :email
            """;
    private static final String BY_ID = COLUMNS + """
            WHERE tenant_id = :tenantId
              AND id = :id
            """;

    /** The address leaves the account; {@code erased:<id>} keeps the tenant's addresses unique. */
    private static final String ANONYMIZE = """
            UPDATE customer_accounts
            SET email = CONCAT('erased:', id)
            WHERE tenant_id = :tenantId
              AND email = :email
            """;

    private static final String ANONYMIZE_TENANT = """
            UPDATE customer_accounts
            SET email = CONCAT('erased:', id)
            WHERE tenant_id = :tenantId
              AND email NOT LIKE 'erased:%'
            """;

    private final JdbcClient jdbc;

    CustomerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The address's account, created on its first sign-in; its sign-in time moves to now. */
    @Transactional
    public CustomerAccount signedIn(String tenantId, String email) {
        var address = StaffAccounts.normalized(email);
        jdbc.sql(UPSERT).param("tenantId", tenantId).param("email", address).update();
        return jdbc.sql(BY_EMAIL)
                .param("tenantId", tenantId)
                .param("email", address)
                .query(CustomerAccounts::account)
                .single();
    }

    @Transactional(readOnly = true)
    public Optional<CustomerAccount> find(String tenantId, long id) {
        return jdbc.sql(BY_ID)
                .param("tenantId", tenantId)
                .param("id", id)
                .query(CustomerAccounts::account)
                .optional();
    }

    /**
     * Erasure (docs/personal-data.md): the account signed in with this address keeps its ID (its orders
     * stay its own) but no longer its address; signing in with it again makes a new account. Idempotent.
     *
     * @return accounts changed (0 or 1)
     */
    @Transactional
    public int anonymize(String tenantId, String email) {
        return jdbc.sql(ANONYMIZE)
                .param("tenantId", tenantId)
                .param("email", StaffAccounts.normalized(email))
                .update();
    }

    /** The same for every account of an offboarded tenant. */
    @Transactional
    public int anonymizeAll(String tenantId) {
        return jdbc.sql(ANONYMIZE_TENANT).param("tenantId", tenantId).update();
    }

    private static CustomerAccount account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CustomerAccount(
                rs.getLong("id"),
                rs.getString("tenant_id"),
                rs.getString("email"),
                SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                SqlTimes.fromSql(rs.getObject("signed_in_at", LocalDateTime.class)));
    }
}
