package dev.comanda.codec;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data keys held in memory, the same key for every scope: for the test launchers, the committed replay
 * histories and tools that run against a throwaway dev server. {@link #testKeys()} is public in this
 * repository and must never encrypt anything real; production keys come from the key store in
 * {@code persistence} ({@code PayloadKeyStore}), wrapped by a configured master key.
 */
public final class StaticDataKeys implements DataKeys {

    /** The committed test key: it encrypts the histories under {@code workflows/src/test/resources}. */
    public static final String TEST_KEY_ID = "test-key-1";

    private static final String TEST_KEY = "Y29tYW5kYS10ZXN0LWtleS1ub3QtYS1zZWNyZXQtMDE=";

    private final Map<String, DataKey> byId;
    private final DataKey current;

    /** Keys by id; the first one encrypts, every one decrypts (a rotation is a new first key). */
    public StaticDataKeys(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no data key");
        }
        byId = new LinkedHashMap<>();
        keys.forEach((id, raw) -> {
            if (raw.length != 32) {
                throw new IllegalArgumentException("data key " + id + " is " + raw.length + " bytes, not 32 (AES-256)");
            }
            byId.put(id, new DataKey(id, null, null, new SecretKeySpec(raw, "AES")));
        });
        current = byId.values().iterator().next();
    }

    /** The committed test key only. */
    public static StaticDataKeys testKeys() {
        return new StaticDataKeys(Map.of(TEST_KEY_ID, Base64.getDecoder().decode(TEST_KEY)));
    }

    /** One random key of this process alone, for tools whose payloads carry nothing real (the server floor). */
    public static StaticDataKeys ephemeral() {
        var raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        return new StaticDataKeys(Map.of("ephemeral-" + java.util.UUID.randomUUID(), raw));
    }

    @Override
    public DataKey current(String scope) {
        return current;
    }

    @Override
    public DataKey byId(String id) {
        var key = byId.get(id);
        if (key == null) {
            throw new MissingDataKeyException("data key " + id + " is not one of " + byId.keySet());
        }
        return key;
    }
}
