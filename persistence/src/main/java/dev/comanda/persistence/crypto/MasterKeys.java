package dev.comanda.persistence.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys from configuration ({@code COMANDA_PAYLOAD_MASTER_KEYS}: {@code id:base64,id:base64},
 * newest first), which wrap the secrets stored in MySQL: the payloads' data keys and the signing keys' private
 * halves. The newest wraps new secrets; every listed one still unwraps, so a rotation prepends a key and keeps
 * the old ones until what they wrapped is gone or wrapped again.
 */
public final class MasterKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final Map<String, SecretKey> keys;
    private final String newest;

    private MasterKeys(Map<String, SecretKey> keys) {
        this.keys = keys;
        this.newest = keys.keySet().iterator().next();
    }

    /**
     * Parses {@code id:base64[,id:base64…]}.
     *
     * @throws IllegalArgumentException naming the setting, for an empty or malformed value
     */
    public static MasterKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("comanda.payload-crypto.master-keys (COMANDA_PAYLOAD_MASTER_KEYS) is"
                    + " not set: payloads sent to Temporal are encrypted, and their data keys are wrapped by this"
                    + " master key. Set it to id:base64-of-32-random-bytes (docs/personal-data.md), or switch"
                    + " encryption off with COMANDA_PAYLOAD_ENCRYPTION=false.");
        }
        var keys = new LinkedHashMap<String, SecretKey>();
        for (var entry : setting.split(",")) {
            var parts = entry.trim().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(
                        "comanda.payload-crypto.master-keys: '" + parts[0] + "…' is not id:base64");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(parts[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "comanda.payload-crypto.master-keys: master key " + parts[0] + " is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("comanda.payload-crypto.master-keys: master key " + parts[0] + " is "
                        + raw.length + " bytes, not 32 (AES-256)");
            }
            keys.put(parts[0].trim(), new SecretKeySpec(raw, "AES"));
        }
        return new MasterKeys(keys);
    }

    /** A new master key setting, {@code id:base64} of 32 random bytes. */
    public static String generate(String id) {
        var raw = new byte[32];
        RANDOM.nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }

    public String newestId() {
        return newest;
    }

    /**
     * Encrypts a secret (a data key, a signing key) under the newest master key, AES-GCM; its {@code id} is bound
     * as associated data, so a wrapped secret moved to another id does not unwrap.
     */
    public byte[] wrap(String id, byte[] secret) {
        var iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            var cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(newest), iv, id);
            var sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret wrapped under {@code id}, or empty when {@code masterKeyId} is not configured here. */
    public Optional<byte[]> unwrap(String masterKeyId, String id, byte[] wrapped) {
        var master = keys.get(masterKeyId);
        if (master == null) {
            return Optional.empty();
        }
        try {
            var iv = java.util.Arrays.copyOf(wrapped, IV_BYTES);
            var cipher = cipher(Cipher.DECRYPT_MODE, master, iv, id);
            return Optional.of(cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the secret under " + id + " does not unwrap with master key " + masterKeyId
                            + ": the configured key under that id is not the one that wrapped it",
                    e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String id) throws GeneralSecurityException {
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "MasterKeys" + keys.keySet();
    }
}
