package dev.comanda.persistence.sync;

/** A marketplace or ERP a tenant pushes confirmed orders to; {@code secret} signs the pushes when set. */
public record MarketplaceEndpoint(String tenantId, String channel, String url, String secret, boolean enabled) {}
