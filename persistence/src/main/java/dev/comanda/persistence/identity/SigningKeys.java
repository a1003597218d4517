package dev.comanda.persistence.identity;

import dev.comanda.persistence.crypto.MasterKeys;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys that sign staff access tokens, shared by every API instance: newest first, each a JWK (JSON)
 * the API reads with its JOSE library. Rotation adds a key and retires the others; a retired key keeps
 * verifying until {@link #deleteRetiredBefore} drops it, once nothing it signed is still valid.
 *
 * <p>Stored sealed by the payload codec's newest master key ({@link MasterKeys}, the kid bound as associated
 * data), so reading the table does not hand out the private halves; in clear only with payload encryption off
 * (no master keys), and for keys stored before sealing until {@link #sealAll} seals them.
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

    /** A row as stored: {@code jwk} sealed by {@code masterKeyId}, or in clear when that is null. */
    private record Stored(String kid, String jwk, String masterKeyId) {}

    private static final String ALL = """
            SELECT kid, jwk, master_key_id, created_at, retired_at
            FROM signing_keys
            ORDER BY created_at DESC, kid DESC
            """;
    private static final String INSERT = """
            INSERT INTO signing_keys (kid, jwk, master_key_id, created_at)
            VALUES (:kid, :jwk, :master, UTC_TIMESTAMP(6))
            """;
    private static final String NOT_SEALED_BY = """
            SELECT kid, jwk, master_key_id
            FROM signing_keys
            WHERE master_key_id IS NULL OR master_key_id <> :master
            """;
    // Only the row as it was read: another instance sealing it meanwhile wins.
    private static final String SEAL = """
            UPDATE signing_keys
            SET jwk = :sealed, master_key_id = :master
            WHERE kid = :kid AND jwk = :jwk
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
    /** Null with payload encryption off: keys are then stored in clear. */
    private final MasterKeys masters;

    @Autowired
    SigningKeys(JdbcClient jdbc, ObjectProvider<MasterKeys> masters) {
        this(jdbc, masters.getIfAvailable());
    }

    SigningKeys(JdbcClient jdbc, MasterKeys masters) {
        this.jdbc = jdbc;
        this.masters = masters;
    }

    /**
     * Every stored key, opened.
     *
     * @throws IllegalStateException for a key sealed by a master key not configured here
     */
    @Transactional(readOnly = true)
    public List<SigningKey> all() {
        return jdbc.sql(ALL)
                .query((rs, n) -> new SigningKey(
                        rs.getString("kid"),
                        open(rs.getString("kid"), rs.getString("jwk"), rs.getString("master_key_id")),
                        SqlTimes.fromSql(rs.getObject("created_at", LocalDateTime.class)),
                        SqlTimes.fromSql(rs.getObject("retired_at", LocalDateTime.class))))
                .list();
    }

    /** Adds a key that signs from now on; every other key only verifies. */
    @Transactional
    public void rotateTo(String kid, String jwk) {
        jdbc.sql(INSERT)
                .param("kid", kid)
                .param("jwk", masters == null ? jwk : seal(kid, jwk))
                .param("master", masters == null ? null : masters.newestId())
                .update();
        jdbc.sql(RETIRE_OTHERS).param("kid", kid).update();
    }

    /**
     * Seals every key stored in clear or under another master key than the newest: keys from before sealing,
     * and after a master-key rotation (the old master key can then go). Nothing with payload encryption off.
     * Answers how many it sealed.
     */
    @Transactional
    public int sealAll() {
        if (masters == null) {
            return 0;
        }
        var master = masters.newestId();
        var sealed = 0;
        for (var stored : jdbc.sql(NOT_SEALED_BY)
                .param("master", master)
                .query((rs, n) -> new Stored(rs.getString("kid"), rs.getString("jwk"), rs.getString("master_key_id")))
                .list()) {
            sealed += jdbc.sql(SEAL)
                    .param("sealed", seal(stored.kid(), open(stored.kid(), stored.jwk(), stored.masterKeyId())))
                    .param("master", master)
                    .param("kid", stored.kid())
                    .param("jwk", stored.jwk())
                    .update();
        }
        return sealed;
    }

    private String seal(String kid, String jwk) {
        return Base64.getEncoder()
                .encodeToString(masters.wrap(associatedData(kid), jwk.getBytes(StandardCharsets.UTF_8)));
    }

    private String open(String kid, String stored, String masterKeyId) {
        if (masterKeyId == null) {
            return stored;
        }
        var why = "signing key " + kid + " is sealed by master key " + masterKeyId + ", which is not in"
                + " comanda.payload-crypto.master-keys (COMANDA_PAYLOAD_MASTER_KEYS) here";
        if (masters == null) {
            throw new IllegalStateException(why + " (payload encryption is off)");
        }
        var jwk = masters.unwrap(
                        masterKeyId, associatedData(kid), Base64.getDecoder().decode(stored))
                .orElseThrow(() -> new IllegalStateException(why));
        return new String(jwk, StandardCharsets.UTF_8);
    }

    /** Apart from the data keys' ids, which the same master keys wrap. */
    private static String associatedData(String kid) {
        return "signing-key:" + kid;
    }

    /** Drops keys retired longer ago than {@code grace}: every token they signed has expired. */
    @Transactional
    public int deleteRetiredBefore(Instant now, Duration grace) {
        return jdbc.sql(DELETE_RETIRED)
                .param("before", SqlTimes.toSql(now.minus(grace)))
                .update();
    }
}
