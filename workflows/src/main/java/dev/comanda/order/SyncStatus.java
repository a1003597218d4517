package dev.comanda.order;

/** Where the order stands on one marketplace. */
public enum SyncStatus {
    /** Pushes are being tried; their retries are counted in the sync log. */
    SYNCING,
    /** The marketplace has the order, under its own ID. */
    SYNCED,
    /** Every push failed; the last error is kept. */
    FAILED,
    /** The order ended before a push succeeded. */
    CANCELLED
}
