package dev.comanda.persistence.identity;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys that sign staff access tokens, shared by every API instance: newest first, each a JWK (JSON)
 * the API reads with its JOSE library. Rotation adds a key and retires the others; a retired key keeps
 * verifying until {@link #deleteRetiredBefore} drops it, once nothing it signed is still valid.
 */
@Service
public class SigningKeys {

    /** A stored key; {@code jwk} holds the private half and never leaves the API. */
    public record SigningKey(String kid, String jwk, Instant createdAt, Instant retiredAt) {

        @Override
        public String toString() {
            return "SigningKey[kid=" + kid + ", retiredAt=" + retiredAt + "]";
        }
    }

    private static final String ALL = """
            SELECT kid, jwk, created_at, retired_at
            FROM signing_keys
            ORDER BY created_at DESC, kid DESC
            """;
    private static final String INSERT = """
            INSERT INTO signing_keys (kid, jwk, created_at)
            VALUES (:kid, :jwk, UTC_TIMESTAMP(6))
            """;
    private static final String RETIRE_OTHERS = """
            UPDATE signing_keys
            SET retired_at = UTC_TIMESTAMP(6)
            WHERE kid <> :kid
              AND retired_at IS NULL
            """;
    private static final String DELETE_RETIRED = """
            DELETE FROM signing_keys
            WHERE retired_at IS NOT NULL
              AND retired_at < :before
            """;

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<SigningKey> all() {
        return jdbc.sql(ALL)
                .query((rs, n) -> new SigningKey(
                        rs.getString("kid"),
                        rs.getString("jwk"),
                        SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                        SqlTimes.fromSql(rs.getObject("retired_at", LocalDateTime.class))))
                .list();
    }

    /** Adds a key that signs from now on; every other key only verifies. */
    @Transactional
    public void rotateTo(String kid, String jwk) {
        jdbc.sql(INSERT).param("kid", kid).param("jwk", jwk).update();
        jdbc.sql(RETIRE_OTHERS).param("kid", kid).update();
    }

    /** Drops keys retired longer ago than {@code grace}: every token they signed has expired. */
    @Transactional
    public int deleteRetiredBefore(Instant now, Duration grace) {
        return jdbc.sql(DELETE_RETIRED)
                .param("before", SqlTimes.toSql(now.minus(grace)))
                .update();
    }
}
