package dev.comanda.persistence.tenant;

import dev.comanda.order.OrderContract;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants. The ID is a slug that appears in workflow IDs, so it is validated by the order contract. An
 * offboarded tenant (docs/personal-data.md) is found by nobody: its row stays, for the books and so that
 * its ID is never taken again.
 */
@Repository
public class TenantRepository {

    private static final String INSERT = """
            INSERT INTO tenants (id, name, currency, created_at)
            VALUES (:id, :name, :currency, UTC_TIMESTAMP(6))
            """;
    private static final String FIND = """
            SELECT id, name, currency, created_at
            FROM tenants
            WHERE id = :id
              AND offboarded_at IS NULL
            """;
    private static final String EXISTS = """
            SELECT COUNT(*)
            FROM tenants
            WHERE id = :id
            """;
    private static final String OFFBOARDED_AT = """
            SELECT offboarded_at
            FROM tenants
            WHERE id = :id
              AND offboarded_at IS NOT NULL
            """;
    private static final String OFFBOARD = """
            UPDATE tenants
            SET offboarded_at = UTC_TIMESTAMP(6)
            WHERE id = :id
              AND offboarded_at IS NULL
            """;

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the tenant; false when the ID is taken. */
    @Transactional
    public boolean create(String id, String name, String currency) {
        if (!OrderContract.isTenantId(id)) {
            throw new IllegalArgumentException("a tenant ID is a lowercase slug of up to 40 characters, got " + id);
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO-4217 code, got " + currency);
        }
        try {
            jdbc.sql(INSERT)
                    .param("id", id)
                    .param("name", name)
                    .param("currency", currency)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(String id) {
        return jdbc.sql(FIND)
                .param("id", id)
                .query((rs, n) -> new Tenant(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("currency"),
                        SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class))))
                .optional();
    }

    /** Whether the ID names a tenant, live or offboarded. */
    @Transactional(readOnly = true)
    public boolean exists(String id) {
        return jdbc.sql(EXISTS).param("id", id).query(Long.class).single() > 0;
    }

    /** When the tenant was offboarded; empty while it is live, or when there is no such tenant. */
    @Transactional(readOnly = true)
    public Optional<Instant> offboardedAt(String id) {
        return jdbc.sql(OFFBOARDED_AT)
                .param("id", id)
                .query((rs, n) -> SqlTimes.fromSql(rs.getObject("offboarded_at", LocalDateTime.class)))
                .optional();
    }

    /** Closes the tenant for good; false when it was offboarded already (or does not exist). */
    @Transactional
    public boolean offboard(String id) {
        return jdbc.sql(OFFBOARD).param("id", id).update() == 1;
    }
}
