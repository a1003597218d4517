package dev.comanda.client;

import java.time.Instant;

/**
 * A POS device of the tenant. {@code token} (its DEVICE token) is only in the answer to its registration;
 * {@code revokedAt} only in the list. {@link #toString()} leaves the token out.
 */
public record Device(String id, String name, Instant createdAt, Instant revokedAt, String token) {

    @Override
    public String toString() {
        return "Device[id=" + id + ", name=" + name + "]";
    }
}
