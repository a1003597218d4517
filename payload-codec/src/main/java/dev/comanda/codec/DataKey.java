package dev.comanda.codec;

import javax.crypto.SecretKey;

/**
 * An AES-256 data key that encrypts payloads: its id goes into every payload it encrypts, so a payload
 * names the key that opens it. {@code scope} is what it belongs to (a workflow ID; {@code null} for a
 * key of every scope), so the codec endpoint can tell whose payload it opens. {@code masterKeyId} names the master key that wraps it where it is stored
 * ({@code null} for a key that is not wrapped, such as the committed test key).
 */
public record DataKey(String id, String scope, String masterKeyId, SecretKey key) {

    @Override
    public String toString() {
        return "DataKey[id=" + id + ", scope=" + scope + ", masterKeyId=" + masterKeyId + "]";
    }
}
