package dev.comanda.persistence.pos;

import dev.comanda.order.Actor;
import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.tenant.ApiTokens;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's POS devices. Registering one issues it a bearer token of role DEVICE; revoking it revokes
 * that token in the same transaction. The device of a request is found by its token, and only while
 * both are live, so a revoked device is refused at its next request.
 */
@Service
public class PosDevices {

    private static final int ID_BYTES = 16;

    private static final String INSERT = """
            INSERT INTO pos_devices (id, tenant_id, name, token_id, created_at)
            VALUES (:id, :tenantId, :name, :tokenId, UTC_TIMESTAMP(6))
            """;
    private static final String LIST = """
            SELECT id, name, created_at, revoked_at
            FROM pos_devices
            WHERE tenant_id = :tenantId
            ORDER BY created_at, id
            """;
    private static final String TOKEN_OF = """
            SELECT token_id
            FROM pos_devices
            WHERE tenant_id = :tenantId
              AND id = :id
              AND revoked_at IS NULL
            FOR UPDATE
            """;
    private static final String REVOKE = """
            UPDATE pos_devices
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
              AND revoked_at IS NULL
            """;
    private static final String REVOKE_ALL = """
            UPDATE pos_devices
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND revoked_at IS NULL
            """;
    private static final String BY_TOKEN = """
            SELECT d.id, d.name, d.created_at, d.revoked_at
            FROM pos_devices d
            JOIN api_tokens t ON t.id = d.token_id
            WHERE d.tenant_id = :tenantId
              AND d.token_id = :tokenId
              AND d.revoked_at IS NULL
              AND t.revoked_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final ApiTokens tokens;
    private final SecureRandom random = new SecureRandom();

    PosDevices(JdbcClient jdbc, ApiTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    /** A device; {@code revokedAt} is null while it may sync. */
    public record Device(String id, String name, Instant createdAt, Instant revokedAt) {}

    /** A new device and its token, shown this once. */
    public record Registered(Device device, String token) {}

    @Transactional
    public Registered register(String tenantId, String name) {
        var bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        var id = HexFormat.of().formatHex(bytes);
        var issued = tokens.issue(tenantId, Actor.DEVICE, "device " + id);
        jdbc.sql(INSERT)
                .param("id", id)
                .param("tenantId", tenantId)
                .param("name", name)
                .param("tokenId", issued.id())
                .update();
        return new Registered(find(tenantId, id).orElseThrow(), issued.token());
    }

    @Transactional(readOnly = true)
    public List<Device> list(String tenantId) {
        return jdbc.sql(LIST)
                .param("tenantId", tenantId)
                .query((rs, n) -> device(rs))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Device> find(String tenantId, String id) {
        return list(tenantId).stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Revokes the device and its token; false when the tenant has no such live device. */
    @Transactional
    public boolean revoke(String tenantId, String id) {
        var tokenId = jdbc.sql(TOKEN_OF)
                .param("tenantId", tenantId)
                .param("id", id)
                .query(Long.class)
                .optional();
        if (tokenId.isEmpty()) {
            return false;
        }
        jdbc.sql(REVOKE).param("tenantId", tenantId).param("id", id).update();
        tokens.revoke(tenantId, tokenId.get());
        return true;
    }

    /** Revokes every device of an offboarded tenant, their tokens too; how many were live. */
    @Transactional
    public int revokeAll(String tenantId) {
        var revoked = jdbc.sql(REVOKE_ALL).param("tenantId", tenantId).update();
        tokens.revokeDevices(tenantId);
        return revoked;
    }

    /** The live device a token belongs to; empty for another role's token, or a revoked device or token. */
    @Transactional(readOnly = true)
    public Optional<Device> byToken(String tenantId, long tokenId) {
        return jdbc.sql(BY_TOKEN)
                .param("tenantId", tenantId)
                .param("tokenId", tokenId)
                .query((rs, n) -> device(rs))
                .optional();
    }

    private static Device device(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Device(
                rs.getString("id"),
                rs.getString("name"),
                SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                SqlTimes.fromSql(rs.getObject("revoked_at", LocalDateTime.class)));
    }
}
