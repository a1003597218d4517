package dev.comanda.persistence.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog cache settings ({@code comanda.catalog.cache.*}, env {@code COMANDA_CATALOG_CACHE_*}).
 *
 * @param ttl how long a tenant's cached catalog lives; it bounds how stale the shown stock can be,
 *     since reservations do not invalidate the cache (prices and products do)
 * @param keyPrefix prefix of every cache key, so deployments and test runs sharing a Redis stay apart
 */
@ConfigurationProperties("comanda.catalog.cache")
public record CatalogProperties(
        @DefaultValue("5m") Duration ttl,
        @DefaultValue("comanda:") String keyPrefix) {}
