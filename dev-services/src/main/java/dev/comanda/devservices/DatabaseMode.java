package dev.comanda.devservices;

/** Where {@link DevDatabase} gets its MySQL/MariaDB. */
public enum DatabaseMode {
    /** The configured database when it answers; an embedded MariaDB when none is configured or answers. */
    AUTO,
    /** Only the configured database. */
    EXISTING,
    /** Always an embedded MariaDB, even when a database answers. */
    EMBEDDED
}
