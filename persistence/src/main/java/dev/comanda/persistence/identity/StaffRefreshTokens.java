package dev.comanda.persistence.identity;

import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.tenant.ApiTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refresh tokens of staff sessions: opaque ({@code cmr_} + 32 random bytes), stored as their SHA-256,
 * each good for one use. A login starts a family (the session); every refresh marks its token used and
 * issues the next of the family; presenting a used token again is reuse, which revokes the family (a
 * stolen token and its legitimate holder cannot both go on).
 */
@Service
public class StaffRefreshTokens {

    static final String PREFIX = "cmr_";
    private static final int TOKEN_BYTES = 32;

    /** A new refresh token, shown once to its holder. */
    public record Issued(long staffId, String familyId, String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[staffId=" + staffId + ", familyId=" + familyId + "]";
        }
    }

    /** What presenting a refresh token did. */
    public sealed interface Rotation {}

    /** The token was good: here is the next one of its family. */
    public record Rotated(Issued next) implements Rotation {}

    /** The token had been used already: its family is revoked now. */
    public record Reused(long staffId, String familyId) implements Rotation {}

    /** Unknown, expired or revoked, or its account is disabled; nothing changed. */
    public record Refused() implements Rotation {}

    /** A live session of an account: one login and its rotations. */
    public record Session(String familyId, Instant startedAt, Instant lastRefreshedAt, Instant expiresAt) {}

    private static final String INSERT = """
            INSERT INTO staff_refresh_tokens (family_id, staff_id, token_hash, created_at, expires_at)
            VALUES (:familyId, :staffId, :hash, UTC_TIMESTAMP(6), DATE_ADD(UTC_TIMESTAMP(6), INTERVAL :seconds SECOND))
            """;
    private static final String EXPIRES_AT = """
            SELECT expires_at
            FROM staff_refresh_tokens
            WHERE token_hash = :hash
            """;
    private static final String LOCK = """
            SELECT t.id, t.family_id, t.staff_id, t.used_at, t.revoked_at,
                   t.expires_at > UTC_TIMESTAMP(6) AS live, a.disabled_at
            FROM staff_refresh_tokens t
            JOIN staff_accounts a ON a.id = t.staff_id
            WHERE t.token_hash = :hash
            FOR UPDATE
            """;
    private static final String MARK_USED = """
            UPDATE staff_refresh_tokens
            SET used_at = UTC_TIMESTAMP(6)
            WHERE id = :id
              AND used_at IS NULL
            """;
    private static final String REVOKE_FAMILY = """
            UPDATE staff_refresh_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE family_id = :familyId
              AND revoked_at IS NULL
            """;
    private static final String FAMILY_OF = """
            SELECT family_id
            FROM staff_refresh_tokens
            WHERE token_hash = :hash
            """;
    private static final String LIVE_FAMILIES = """
            SELECT family_id, MIN(created_at) AS started_at, MAX(created_at) AS last_at, MAX(expires_at) AS expires_at
            FROM staff_refresh_tokens
            WHERE staff_id = :staffId
              AND revoked_at IS NULL
            GROUP BY family_id
            HAVING MAX(expires_at) > UTC_TIMESTAMP(6)
            ORDER BY started_at
            """;
    private static final String REVOKE_STAFF_FAMILY = """
            UPDATE staff_refresh_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE staff_id = :staffId
              AND family_id = :familyId
              AND revoked_at IS NULL
            """;
    private static final String REVOKE_ALL = """
            UPDATE staff_refresh_tokens
            SET revoked_at = UTC_TIMESTAMP(6)
            WHERE staff_id = :staffId
              AND revoked_at IS NULL
            """;

    private static final String REVOKE_TENANT = """
            UPDATE staff_refresh_tokens t
            JOIN staff_accounts a ON a.id = t.staff_id
            SET t.revoked_at = UTC_TIMESTAMP(6)
            WHERE a.tenant_id = :tenantId
              AND t.revoked_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    StaffRefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts a session (a new family) for the account. */
    @Transactional
    public Issued start(long staffId, Duration ttl) {
        var familyId = HexFormat.of().formatHex(randomBytes(16));
        return insert(staffId, familyId, ttl);
    }

    /** Uses a refresh token once: the next of its family, or reuse detected, or refused. */
    @Transactional
    public Rotation rotate(String rawToken, Duration ttl) {
        if (rawToken == null || !rawToken.startsWith(PREFIX)) {
            return new Refused();
        }
        var row = jdbc.sql(LOCK)
                .param("hash", ApiTokens.hash(rawToken))
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("family_id"),
                        rs.getLong("staff_id"),
                        rs.getObject("used_at") != null,
                        rs.getObject("revoked_at") != null,
                        rs.getBoolean("live"),
                        rs.getObject("disabled_at") != null))
                .optional();
        if (row.isEmpty() || row.get().revoked()) {
            return new Refused();
        }
        var token = row.get();
        if (token.used()) {
            revokeFamily(token.familyId());
            return new Reused(token.staffId(), token.familyId());
        }
        if (!token.live() || token.disabled()) {
            return new Refused();
        }
        if (jdbc.sql(MARK_USED).param("id", token.id()).update() != 1) {
            return new Refused();
        }
        return new Rotated(insert(token.staffId(), token.familyId(), ttl));
    }

    /** The family (session) of a refresh token, used or not. */
    @Transactional(readOnly = true)
    public Optional<String> familyOf(String rawToken) {
        if (rawToken == null || !rawToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql(FAMILY_OF)
                .param("hash", ApiTokens.hash(rawToken))
                .query(String.class)
                .optional();
    }

    /** Ends a session: no token of the family refreshes any more. False when it was ended already. */
    @Transactional
    public boolean revokeFamily(String familyId) {
        return jdbc.sql(REVOKE_FAMILY).param("familyId", familyId).update() > 0;
    }

    /** Ends one of the account's sessions; false when it is not the account's or ended already. */
    @Transactional
    public boolean revokeSession(long staffId, String familyId) {
        return jdbc.sql(REVOKE_STAFF_FAMILY)
                        .param("staffId", staffId)
                        .param("familyId", familyId)
                        .update()
                > 0;
    }

    /** Ends every session of the account (disabled, or a password changed). */
    @Transactional
    public int revokeAll(long staffId) {
        return jdbc.sql(REVOKE_ALL).param("staffId", staffId).update();
    }

    /** Ends every session of every account of an offboarded tenant. */
    @Transactional
    public int revokeTenant(String tenantId) {
        return jdbc.sql(REVOKE_TENANT).param("tenantId", tenantId).update();
    }

    @Transactional(readOnly = true)
    public List<Session> sessions(long staffId) {
        return jdbc.sql(LIVE_FAMILIES)
                .param("staffId", staffId)
                .query((rs, n) -> new Session(
                        rs.getString("family_id"),
                        SqlTimes.fromSql(rs.getObject("started_at", LocalDateTime.class)),
                        SqlTimes.fromSql(rs.getObject("last_at", LocalDateTime.class)),
                        SqlTimes.fromSql(rs.getObject("expires_at", LocalDateTime.class))))
                .list();
    }

    private Issued insert(long staffId, String familyId, Duration ttl) {
        var token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(TOKEN_BYTES));
        var hash = ApiTokens.hash(token);
        jdbc.sql(INSERT)
                .param("familyId", familyId)
                .param("staffId", staffId)
                .param("hash", hash)
                .param("seconds", ttl.toSeconds())
                .update();
        var expiresAt = jdbc.sql(EXPIRES_AT)
                .param("hash", hash)
                .query((rs, n) -> SqlTimes.fromSql(rs.getObject("expires_at", LocalDateTime.class)))
                .single();
        return new Issued(staffId, familyId, token, expiresAt);
    }

    private byte[] randomBytes(int count) {
        var bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private record Row(
            long id, String familyId, long staffId, boolean used, boolean revoked, boolean live, boolean disabled) {}
}
