package dev.comanda.persistence.identity;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's staff accounts. E-mail addresses are kept in lower case and unique per tenant; passwords
 * only as their encoder's hash. {@code changed_at} moves on every change that must end the access
 * tokens issued before it (role, password, disabling).
 */
@Service
public class StaffAccounts {

    /** What a person may do in the restaurant; the API maps each to the role its endpoints check. */
    public enum StaffRole {
        OWNER,
        MANAGER,
        KITCHEN,
        WAITER,
        OPS
    }

    /** An account; {@code passwordHash} never leaves the API. */
    public record StaffAccount(
            long id,
            String tenantId,
            String email,
            String name,
            StaffRole role,
            String passwordHash,
            Instant createdAt,
            Instant changedAt,
            Instant disabledAt) {

        public boolean disabled() {
            return disabledAt != null;
        }

        @Override
        public String toString() {
            return "StaffAccount[id=" + id + ", tenantId=" + tenantId + ", role=" + role + "]";
        }
    }

    private static final String COLUMNS = """
            SELECT id, tenant_id, email, name, role, password_hash, created_at, changed_at, disabled_at
            FROM staff_accounts
            """;
    private static final String INSERT = """
            INSERT INTO staff_accounts (tenant_id, email, name, role, password_hash, created_at, changed_at)
            VALUES (:tenantId, :email, :name, :role, :passwordHash, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """;
    private static final String BY_EMAIL = COLUMNS + """
            WHERE tenant_id = :tenantId
              AND email = :email
            """;
    private static final String BY_ID = COLUMNS + """
            WHERE tenant_id = :tenantId
              AND id = :id
            """;
    private static final String ANY_TENANT_BY_ID = COLUMNS + """
            WHERE id = :id
            """;
    private static final String OF_TENANT = COLUMNS + """
            WHERE tenant_id = :tenantId
            ORDER BY id
            """;
    private static final String SET_PASSWORD = """
            UPDATE staff_accounts
            SET password_hash = :passwordHash,
                changed_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
            """;
    private static final String SET_ROLE = """
            UPDATE staff_accounts
            SET role = :role,
                changed_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
              AND role <> :role
            """;
    private static final String DISABLE = """
            UPDATE staff_accounts
            SET disabled_at = UTC_TIMESTAMP(6),
                changed_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
              AND disabled_at IS NULL
            """;

    private static final String DISABLE_ALL = """
            UPDATE staff_accounts
            SET disabled_at = UTC_TIMESTAMP(6),
                changed_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND disabled_at IS NULL
            """;

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new account; empty when the tenant has one with this e-mail already. */
    @Transactional
    public Optional<StaffAccount> create(
            String tenantId, String email, String name, StaffRole role, String passwordHash) {
        var keyHolder = new GeneratedKeyHolder();
        try {
            jdbc.sql(INSERT)
                    .param("tenantId", tenantId)
                    .param("email", normalized(email))
                    .param("name", name)
                    .param("role", role.name())
                    .param("passwordHash", passwordHash)
                    .update(keyHolder);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return find(tenantId, keyHolder.getKey().longValue());
    }

    @Transactional(readOnly = true)
    public Optional<StaffAccount> findByEmail(String tenantId, String email) {
        return jdbc.sql(BY_EMAIL)
                .param("tenantId", tenantId)
                .param("email", normalized(email))
                .query(StaffAccounts::account)
                .optional();
    }

    @Transactional(readOnly = true)
    public Optional<StaffAccount> find(String tenantId, long id) {
        return jdbc.sql(BY_ID)
                .param("tenantId", tenantId)
                .param("id", id)
                .query(StaffAccounts::account)
                .optional();
    }

    /** The account a session belongs to, whatever its tenant: a refresh token names no tenant. */
    @Transactional(readOnly = true)
    public Optional<StaffAccount> sessionOwner(long id) {
        return jdbc.sql(ANY_TENANT_BY_ID)
                .param("id", id)
                .query(StaffAccounts::account)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<StaffAccount> list(String tenantId) {
        return jdbc.sql(OF_TENANT)
                .param("tenantId", tenantId)
                .query(StaffAccounts::account)
                .list();
    }

    @Transactional
    public boolean setPassword(String tenantId, long id, String passwordHash) {
        return jdbc.sql(SET_PASSWORD)
                        .param("tenantId", tenantId)
                        .param("id", id)
                        .param("passwordHash", passwordHash)
                        .update()
                == 1;
    }

    /** Changes the role; false when the account is unknown to the tenant or already has it. */
    @Transactional
    public boolean setRole(String tenantId, long id, StaffRole role) {
        return jdbc.sql(SET_ROLE)
                        .param("tenantId", tenantId)
                        .param("id", id)
                        .param("role", role.name())
                        .update()
                == 1;
    }

    /** Disables the account; false when it is unknown to the tenant or disabled already. */
    @Transactional
    public boolean disable(String tenantId, long id) {
        return jdbc.sql(DISABLE).param("tenantId", tenantId).param("id", id).update() == 1;
    }

    /** Disables every account of an offboarded tenant; how many were enabled. */
    @Transactional
    public int disableAll(String tenantId) {
        return jdbc.sql(DISABLE_ALL).param("tenantId", tenantId).update();
    }

    public static String normalized(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static StaffAccount account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StaffAccount(
                rs.getLong("id"),
                rs.getString("tenant_id"),
                rs.getString("email"),
                rs.getString("name"),
                StaffRole.valueOf(rs.getString("role")),
                rs.getString("password_hash"),
                SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                SqlTimes.fromSql(rs.getObject("changed_at", LocalDateTime.class)),
                SqlTimes.fromSql(rs.getObject("disabled_at", LocalDateTime.class)));
    }
}
