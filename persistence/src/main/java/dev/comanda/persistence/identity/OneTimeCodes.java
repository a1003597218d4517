package dev.comanda.persistence.identity;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes sent by e-mail ({@code one_time_codes}): a customer's sign-in, a staff invitation, a
 * password reset. Only the encoder's hash of a code is stored. A code is good once, until it expires,
 * for a bounded number of tries: each try takes one of them before the code is compared
 * ({@link #takeTry}), so parallel guesses cannot exceed the bound. A new code for the same purpose and
 * address supersedes the older ones.
 */
@Service
public class OneTimeCodes {

    /** What a code is for. */
    public enum Purpose {
        CUSTOMER_SIGN_IN,
        STAFF_INVITATION,
        PASSWORD_RESET
    }

    /** The newest live code of an address; {@code codeHash} never leaves the API. */
    public record Code(long id, String codeHash, int attempts, Instant expiresAt) {

        @Override
        public String toString() {
            return "Code[id=" + id + ", attempts=" + attempts + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** What taking a try of the address's code found. */
    public sealed interface Try {}

    /** A try was taken: compare the code with {@code code}, then {@link #use} it if it matches. */
    public record Taken(Code code) implements Try {}

    /** The code has had all its tries; {@code expiresAt} is when it would have expired. */
    public record Exhausted(Instant expiresAt) implements Try {}

    /** No live code: never sent, used, superseded or expired. */
    public record None() implements Try {}

    private static final String SUPERSEDE = """
            UPDATE one_time_codes
            SET used_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND purpose = :purpose
              AND email = :email
              AND used_at IS NULL
            """;
    private static final String INSERT = """
            INSERT INTO one_time_codes (tenant_id, purpose, email, code_hash, attempts, created_at, expires_at)
            VALUES (:tenantId, :purpose, :email, :codeHash, 0, UTC_TIMESTAMP(6),
                    DATE_ADD(UTC_TIMESTAMP(6), INTERVAL :seconds SECOND))
            """;
    private static final String EXPIRES_AT = """
            SELECT expires_at
            FROM one_time_codes
            WHERE id = :id
            """;
    private static final String NEWEST_LIVE = """
            SELECT id, code_hash, attempts, expires_at
            FROM one_time_codes
            WHERE tenant_id = :tenantId
              AND purpose = :purpose
              AND email = :email
              AND used_at IS NULL
              AND expires_at > UTC_TIMESTAMP(6)
            ORDER BY id DESC
            LIMIT 1
            """;
    private static final String TAKE_TRY = """
            UPDATE one_time_codes
            SET attempts = attempts + 1
            WHERE id = :id
              AND used_at IS NULL
              AND expires_at > UTC_TIMESTAMP(6)
              AND attempts < :maxAttempts
            """;
    private static final String USE = """
            UPDATE one_time_codes
            SET used_at = UTC_TIMESTAMP(6)
            WHERE id = :id
              AND used_at IS NULL
              AND expires_at > UTC_TIMESTAMP(6)
            """;
    private static final String DELETE_EXPIRED = """
            DELETE FROM one_time_codes
            WHERE expires_at < :before
            LIMIT 500
            """;

    private static final String DELETE_ADDRESS = """
            DELETE FROM one_time_codes
            WHERE tenant_id = :tenantId
              AND email = :email
            """;
    private static final String DELETE_TENANT = """
            DELETE FROM one_time_codes
            WHERE tenant_id = :tenantId
            """;

    private final JdbcClient jdbc;

    OneTimeCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new code's hash for the address, valid {@code ttl}; the address's older codes of this
     * purpose stop working. Answers when it expires.
     */
    @Transactional
    public Instant issue(String tenantId, Purpose purpose, String email, String codeHash, Duration ttl) {
        var address = StaffAccounts.normalized(email);
        jdbc.sql(SUPERSEDE)
                .param("tenantId", tenantId)
                .param("purpose", purpose.name())
                .param("email", address)
                .update();
        var keyHolder = new GeneratedKeyHolder();
        jdbc.sql(INSERT)
                .param("tenantId", tenantId)
                .param("purpose", purpose.name())
                .param("email", address)
                .param("codeHash", codeHash)
                .param("seconds", ttl.toSeconds())
                .update(keyHolder);
        // Codes long expired are of no use to anyone: a few go with every new one.
        jdbc.sql(DELETE_EXPIRED)
                .param("before", SqlTimes.toSql(Instant.now().minus(Duration.ofDays(1))))
                .update();
        return jdbc.sql(EXPIRES_AT)
                .param("id", keyHolder.getKey().longValue())
                .query((rs, n) -> SqlTimes.fromSql(rs.getObject("expires_at", LocalDateTime.class)))
                .single();
    }

    /**
     * Takes one try of the address's newest live code, whether the code the caller holds is right or
     * not: the caller compares it only after this, so no more than {@code maxAttempts} comparisons are
     * ever made for one code.
     */
    @Transactional
    public Try takeTry(String tenantId, Purpose purpose, String email, int maxAttempts) {
        var code = newestLive(tenantId, purpose, email);
        if (code.isEmpty()) {
            return new None();
        }
        var taken = jdbc.sql(TAKE_TRY)
                        .param("id", code.get().id())
                        .param("maxAttempts", maxAttempts)
                        .update()
                == 1;
        return taken ? new Taken(code.get()) : new Exhausted(code.get().expiresAt());
    }

    /** Uses the code up; false when someone else used it first (or it expired in between). */
    @Transactional
    public boolean use(long codeId) {
        return jdbc.sql(USE).param("id", codeId).update() == 1;
    }

    private Optional<Code> newestLive(String tenantId, Purpose purpose, String email) {
        return jdbc.sql(NEWEST_LIVE)
                .param("tenantId", tenantId)
                .param("purpose", purpose.name())
                .param("email", StaffAccounts.normalized(email))
                .query((rs, n) -> new Code(
                        rs.getLong("id"),
                        rs.getString("code_hash"),
                        rs.getInt("attempts"),
                        SqlTimes.fromSql(rs.getObject("expires_at", LocalDateTime.class))))
                .optional();
    }

    /** Erasure (docs/personal-data.md): every code sent to the address goes, used or not. */
    @Transactional
    public int deleteFor(String tenantId, String email) {
        return jdbc.sql(DELETE_ADDRESS)
                .param("tenantId", tenantId)
                .param("email", StaffAccounts.normalized(email))
                .update();
    }

    /** Every code of an offboarded tenant. */
    @Transactional
    public int deleteAll(String tenantId) {
        return jdbc.sql(DELETE_TENANT).param("tenantId", tenantId).update();
    }
}
