package dev.comanda.order;

/** Sync status of the order on one marketplace, with the marketplace's ID once SYNCED or the last error. */
public record MarketplaceSync(String channel, SyncStatus status, String externalId, String lastError) {}
