package dev.comanda.local;

import dev.comanda.persistence.crypto.MasterKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's payload master key (docs/personal-data.md) when {@code COMANDA_PAYLOAD_MASTER_KEYS} is
 * not set: made once into {@code <local dir>/payload-master-key} (owner-only), then read from there, so
 * the workflows of the local Temporal still decode after a restart. Losing the file makes them unreadable.
 */
final class LocalMasterKey {

    static final String FILE = "payload-master-key";
    private static final Logger log = LoggerFactory.getLogger(LocalMasterKey.class);

    private LocalMasterKey() {}

    static String loadOrCreate(Path localDir) {
        var file = localDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(localDir);
            var key = MasterKeys.generate("local-1");
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (Windows): the file keeps its folder's permissions.
            }
            log.info(
                    "generated the payload master key into {} (COMANDA_PAYLOAD_MASTER_KEYS unset): it wraps the keys"
                            + " that encrypt customers' data in Temporal; keep it, or the local workflows no longer"
                            + " decode",
                    file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the payload master key " + file, e);
        }
    }
}
