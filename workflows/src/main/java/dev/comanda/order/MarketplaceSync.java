package dev.comanda.order;

/**
 * Sync status of the order on one marketplace: SYNCING while pushes are being tried (their retries
 * are counted in the sync log), SYNCED with the marketplace's ID, FAILED with the last error, or
 * CANCELLED when the order ended before a push succeeded.
 */
public record MarketplaceSync(String channel, String status, String externalId, String lastError) {}
