package dev.comanda.api.sync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque position of a device in its tenant's changes: the last order event number it has (the
 * tenant's gap-free event sequence) and the last catalog number. Encoded with a version and a short
 * tag of the tenant, so a cursor from another tenant or an older format is told apart from a valid one.
 */
record SyncCursor(long events, long catalog) {

    private static final String VERSION = "c1";
    static final SyncCursor START = new SyncCursor(0, 0);

    String encode(String tenantId) {
        var raw = VERSION + ':' + tenantTag(tenantId) + ':' + events + ':' + catalog;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when the text is no cursor of this tenant in the current format. */
    static Optional<SyncCursor> decode(String tenantId, String text) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            var parts = raw.split(":", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(tenantTag(tenantId))) {
                return Optional.empty();
            }
            long events = Long.parseLong(parts[2]);
            long catalog = Long.parseLong(parts[3]);
            return events < 0 || catalog < 0 ? Optional.empty() : Optional.of(new SyncCursor(events, catalog));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String tenantTag(String tenantId) {
        return Integer.toHexString(tenantId.hashCode());
    }
}
