package dev.comanda.persistence.tenant;

import dev.comanda.order.Actor;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens of a tenant. A token is {@code cmd_} + 32 random bytes in base64url; only its SHA-256
 * hex is stored, and a lookup by that hash authenticates (an unsalted hash is enough: the token has 256
 * bits of entropy, nothing to brute-force).
 */
@Service
public class ApiTokens {

    static final String PREFIX = "cmd_";
    /** A storefront's publishable key: public by design, it may read the menu and place guest orders. */
    public static final String PUBLISHABLE_PREFIX = "cmp_";

    private static final int TOKEN_BYTES = 32;

    private static final String INSERT = """
            INSERT INTO api_tokens (tenant_id, role, name, token_hash, publishable, created_at)
            VALUES (:tenantId, :role, :name, :hash, :publishable, UTC_TIMESTAMP(6))
            """;
    private static final String AUTHENTICATE = """
            SELECT id, tenant_id, role
            FROM api_tokens
            WHERE token_hash = :hash
              AND publishable = :publishable
              AND revoked_at IS NULL
            """;
    private static final String REVOKE = """
            UPDATE api_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
              AND revoked_at IS NULL
            """;

    private static final String REVOKE_ALL = """
            UPDATE api_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND revoked_at IS NULL
            """;

    private static final String REVOKE_DEVICES = """
            UPDATE api_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND role = 'DEVICE'
              AND revoked_at IS NULL
            """;

    private static final String NAME = """
            SELECT name
            FROM api_tokens
            WHERE tenant_id = :tenantId
              AND id = :id
            """;

    private static final String LIST_KEYS = """
            SELECT id, role, name, publishable, created_at, revoked_at
            FROM api_tokens
            WHERE tenant_id = :tenantId
              AND role <> 'DEVICE'
            ORDER BY id
            """;
    private static final String REVOKE_KEY = """
            UPDATE api_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND id = :id
              AND role <> 'DEVICE'
              AND revoked_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token; {@code token} is shown once to the caller and never stored. */
    public record IssuedToken(long id, String token) {}

    /** An integration API key as its tenant's admin sees it: never the token, which only its holder has. */
    public record ApiKey(long id, Actor role, String name, boolean publishable, Instant createdAt, Instant revokedAt) {}

    /** Who a token speaks for. */
    public record Principal(long tokenId, String tenantId, Actor role) {}

    @Transactional
    public IssuedToken issue(String tenantId, Actor role, String name) {
        if (role == Actor.SYSTEM) {
            throw new IllegalArgumentException("SYSTEM is the workflow itself, never a token's role");
        }
        return insert(tenantId, role, name, PREFIX);
    }

    /** A storefront's publishable key: the CUSTOMER role, limited by the API to the menu and guest orders. */
    @Transactional
    public IssuedToken issuePublishable(String tenantId, String name) {
        return insert(tenantId, Actor.CUSTOMER, name, PUBLISHABLE_PREFIX);
    }

    private IssuedToken insert(String tenantId, Actor role, String name, String prefix) {
        var bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        var token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var keyHolder = new GeneratedKeyHolder();
        jdbc.sql(INSERT)
                .param("tenantId", tenantId)
                .param("role", role.name())
                .param("name", name)
                .param("hash", hash(token))
                .param("publishable", prefix.equals(PUBLISHABLE_PREFIX))
                .update(keyHolder);
        return new IssuedToken(keyHolder.getKey().longValue(), token);
    }

    @Transactional(readOnly = true)
    public Optional<Principal> authenticate(String rawToken) {
        if (rawToken == null || !(rawToken.startsWith(PREFIX) || rawToken.startsWith(PUBLISHABLE_PREFIX))) {
            return Optional.empty();
        }
        return jdbc.sql(AUTHENTICATE)
                .param("hash", hash(rawToken))
                .param("publishable", rawToken.startsWith(PUBLISHABLE_PREFIX))
                .query((rs, n) ->
                        new Principal(rs.getLong("id"), rs.getString("tenant_id"), Actor.valueOf(rs.getString("role"))))
                .optional();
    }

    /** The name a token was issued under (a key's, a device's), for the timeline and the audit. */
    @Transactional(readOnly = true)
    public Optional<String> name(String tenantId, long tokenId) {
        return jdbc.sql(NAME)
                .param("tenantId", tenantId)
                .param("id", tokenId)
                .query(String.class)
                .optional();
    }

    /** Revokes one of the tenant's tokens; false when it is unknown to the tenant or already revoked. */
    @Transactional
    public boolean revoke(String tenantId, long tokenId) {
        return jdbc.sql(REVOKE).param("tenantId", tenantId).param("id", tokenId).update() == 1;
    }

    /**
     * Revokes every token of the tenant — API keys, publishable keys, POS devices' tokens — when it is
     * offboarded; how many were still live.
     */
    @Transactional
    public int revokeAll(String tenantId) {
        return jdbc.sql(REVOKE_ALL).param("tenantId", tenantId).update();
    }

    /** Revokes the tokens of every POS device of the tenant (with their devices, {@code PosDevices}). */
    @Transactional
    public int revokeDevices(String tenantId) {
        return jdbc.sql(REVOKE_DEVICES).param("tenantId", tenantId).update();
    }

    /**
     * The tenant's integration API keys (every token but the POS devices', which are listed with their
     * devices), revoked ones included, oldest first.
     */
    @Transactional(readOnly = true)
    public List<ApiKey> listKeys(String tenantId) {
        return jdbc.sql(LIST_KEYS)
                .param("tenantId", tenantId)
                .query((rs, n) -> new ApiKey(
                        rs.getLong("id"),
                        Actor.valueOf(rs.getString("role")),
                        rs.getString("name"),
                        rs.getBoolean("publishable"),
                        SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                        SqlTimes.fromSql(rs.getObject("revoked_at", LocalDateTime.class))))
                .list();
    }

    /**
     * Revokes one of the tenant's integration API keys; false when it is unknown to the tenant, already
     * revoked, or a POS device's token (revoked with its device).
     */
    @Transactional
    public boolean revokeKey(String tenantId, long keyId) {
        return jdbc.sql(REVOKE_KEY)
                        .param("tenantId", tenantId)
                        .param("id", keyId)
                        .update()
                == 1;
    }

    /** SHA-256 hex of a token: how every bearer and refresh token is stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
