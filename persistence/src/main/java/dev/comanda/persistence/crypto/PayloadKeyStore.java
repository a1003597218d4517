package dev.comanda.persistence.crypto;

import dev.comanda.codec.DataKey;
import dev.comanda.codec.DataKeys;
import dev.comanda.codec.MissingDataKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data keys of Temporal payloads, one per workflow (scope) and master key, stored in
 * {@code payload_data_keys} wrapped by the configured {@link MasterKeys} and cached here unwrapped for
 * {@code cacheTtl}. This class is the table's only writer, in whichever process encodes a payload first
 * (API or worker): a key is made once per scope and master key ({@code INSERT IGNORE} on the unique key;
 * the process whose row went in uses its key, one that lost the race reads the winner's, so two processes
 * agree). Erasing a scope deletes its keys: every payload they
 * encrypted is unreadable from then on (crypto-shredding).
 */
public final class PayloadKeyStore implements DataKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String BY_SCOPE = """
            SELECT id, scope, master_key_id, wrapped_key
            FROM payload_data_keys
            WHERE scope = :scope
              AND master_key_id = :master
            """;
    private static final String BY_ID = """
            SELECT id, scope, master_key_id, wrapped_key
            FROM payload_data_keys
            WHERE id = :id
            """;
    private static final String INSERT = """
            INSERT IGNORE INTO payload_data_keys (id, scope, master_key_id, wrapped_key, created_at)
            VALUES (:id, :scope, :master, :wrapped, UTC_TIMESTAMP(6))
            """;
    private static final String DELETE_SCOPES = """
            DELETE FROM payload_data_keys
            WHERE scope IN (:scopes)
            """;

    private static final String SCOPES_LIKE = """
            SELECT DISTINCT scope
            FROM payload_data_keys
            WHERE scope LIKE :pattern
            """;

    private record Stored(String id, String scope, String master, byte[] wrapped) {}

    private record Cached(DataKey key, long expiresAtNanos) {}

    private final JdbcClient jdbc;
    private final MasterKeys masters;
    private final long ttlNanos;
    private final Map<String, Cached> byScope;
    private final Map<String, Cached> byId;

    public PayloadKeyStore(JdbcClient jdbc, MasterKeys masters, Duration cacheTtl, int cacheSize) {
        this.jdbc = jdbc;
        this.masters = masters;
        this.ttlNanos = cacheTtl.toNanos();
        this.byScope = lru(cacheSize);
        this.byId = lru(cacheSize);
    }

    @Override
    public DataKey current(String scope) {
        var cached = cached(byScope, scope);
        if (cached != null) {
            return cached;
        }
        // Inserted first, looked up only when the insert found one: a scope the cache does not know is most
        // often a new workflow (a placement), whose key this one statement makes.
        var key = create(scope, masters.newestId());
        cache(byScope, scope, key);
        cache(byId, key.id(), key);
        return key;
    }

    /**
     * A new key for the scope, unless one is stored already (another process's, or an older one): the row this
     * insert left is the key (no read back), the one it found is read.
     */
    private DataKey create(String scope, String master) {
        var raw = new byte[32];
        RANDOM.nextBytes(raw);
        var id = HexFormat.of().formatHex(randomId());
        var inserted = jdbc.sql(INSERT)
                        .param("id", id)
                        .param("scope", scope)
                        .param("master", master)
                        .param("wrapped", masters.wrap(id, raw))
                        .update()
                == 1;
        if (inserted) {
            return new DataKey(id, scope, master, new SecretKeySpec(raw, "AES"));
        }
        var winner = find(scope, master);
        if (winner == null) {
            throw new IllegalStateException("no data key for " + scope + " was stored, nor found after the insert");
        }
        return unwrap(winner);
    }

    @Override
    public DataKey byId(String id) {
        var cached = cached(byId, id);
        if (cached != null) {
            return cached;
        }
        var row = jdbc.sql(BY_ID)
                .param("id", id)
                .query(PayloadKeyStore::stored)
                .optional()
                .orElseThrow(() -> new MissingDataKeyException("data key " + id
                        + " is not in payload_data_keys: erased (its customer's data was erased) or never stored in"
                        + " this database"));
        var key = unwrap(row);
        cache(byId, id, key);
        if (key.masterKeyId().equals(masters.newestId())) {
            // The scope's current key, too: a worker that decodes an order's input encodes its results next.
            cache(byScope, key.scope(), key);
        }
        return key;
    }

    /** Deletes the keys of these scopes (workflow IDs): their payloads can never be decrypted again. */
    public int erase(Collection<String> scopes) {
        if (scopes.isEmpty()) {
            return 0;
        }
        forget(scopes);
        return jdbc.sql(DELETE_SCOPES).param("scopes", scopes).update();
    }

    /**
     * Drops this process's cached keys of these scopes, erased by another process: without it they would
     * still decode here until their cache entries expire ({@code cacheTtl}).
     */
    public void forget(Collection<String> scopes) {
        forget(scopes::contains);
    }

    /** The same for every cached scope {@code scope} accepts (an offboarded tenant's workflows). */
    public synchronized void forget(Predicate<String> scope) {
        byScope.keySet().removeIf(scope);
        byId.values().removeIf(cached -> scope.test(cached.key().scope()));
    }

    /**
     * The scopes that have a key and start with {@code prefix} (an offboarded tenant's workflow IDs; the
     * caller tells its own from another tenant's whose ID merely starts the same).
     */
    public List<String> scopesStartingWith(String prefix) {
        var pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(SCOPES_LIKE)
                .param("pattern", pattern)
                .query(String.class)
                .list();
    }

    private static Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(
                rs.getString("id"), rs.getString("scope"), rs.getString("master_key_id"), rs.getBytes("wrapped_key"));
    }

    private Stored find(String scope, String master) {
        return jdbc.sql(BY_SCOPE)
                .param("scope", scope)
                .param("master", master)
                .query(PayloadKeyStore::stored)
                .optional()
                .orElse(null);
    }

    private DataKey unwrap(Stored stored) {
        var raw = masters.unwrap(stored.master(), stored.id(), stored.wrapped())
                .orElseThrow(() -> new MissingDataKeyException("data key " + stored.id() + " is wrapped by master key "
                        + stored.master() + ", which is not configured (comanda.payload-crypto.master-keys has "
                        + masters + ")"));
        return new DataKey(stored.id(), stored.scope(), stored.master(), new SecretKeySpec(raw, "AES"));
    }

    private synchronized DataKey cached(Map<String, Cached> cache, String name) {
        var cached = cache.get(name);
        if (cached == null) {
            return null;
        }
        if (System.nanoTime() - cached.expiresAtNanos() > 0) {
            cache.remove(name);
            return null;
        }
        return cached.key();
    }

    private synchronized void cache(Map<String, Cached> cache, String name, DataKey key) {
        cache.put(name, new Cached(key, System.nanoTime() + ttlNanos));
    }

    private static byte[] randomId() {
        var id = new byte[16];
        RANDOM.nextBytes(id);
        return id;
    }

    private static Map<String, Cached> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > size;
            }
        };
    }
}
