package dev.comanda.persistence.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's catalog, read through a Redis cache of one JSON entry per tenant with a TTL. Product and
 * price changes evict the entry after their transaction commits; stock moved by reservations is not
 * evicted (too frequent), so the cached availability may be up to one TTL old: {@link #menu} overlays
 * the stock as it is now, for what customers see; placement's pre-check uses the cached figure, since the
 * reservation is the real guard. Prices of orders come only from {@link #findForOrder}.
 */
@Service
public class CatalogService {

    // Its own mapper: the cached format must not change with the web layer's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final CatalogRepository repository;
    private final RedissonClient redisson;
    private final CatalogProperties properties;

    CatalogService(CatalogRepository repository, RedissonClient redisson, CatalogProperties properties) {
        this.repository = repository;
        this.redisson = redisson;
        this.properties = properties;
    }

    /** Every product of the tenant, active or not, with its available stock. */
    public List<CatalogProduct> products(String tenantId) {
        var bucket = redisson.<String>getBucket(cacheKey(tenantId), StringCodec.INSTANCE);
        try {
            var cached = bucket.get();
            if (cached != null) {
                return List.of(JSON.readValue(cached, CatalogProduct[].class));
            }
        } catch (RedisException e) {
            // A cache, not the source: without Redis the catalog is read from the database.
            log.warn("catalog cache unavailable, reading the database: {}", e.getMessage());
            return repository.products(tenantId);
        }
        var products = repository.products(tenantId);
        try {
            bucket.set(JSON.writeValueAsString(products), properties.ttl());
        } catch (RedisException e) {
            log.warn("catalog cache unavailable, not cached: {}", e.getMessage());
        }
        return products;
    }

    /**
     * Every product with its available stock read fresh from the database (names and prices from the
     * cache): a dish sold out a moment ago shows {@code available: 0}, not one cache TTL later.
     */
    public List<CatalogProduct> menu(String tenantId) {
        var available = repository.available(tenantId);
        return products(tenantId).stream()
                .map(p -> new CatalogProduct(
                        p.sku(), p.name(), p.price(), p.active(), available.getOrDefault(p.sku(), 0)))
                .toList();
    }

    /** The active products among {@code skus}, by SKU; a SKU missing from the map cannot be ordered. */
    public Map<String, CatalogProduct> findForOrder(String tenantId, Collection<String> skus) {
        return products(tenantId).stream()
                .filter(p -> p.active() && skus.contains(p.sku()))
                .collect(Collectors.toUnmodifiableMap(CatalogProduct::sku, Function.identity()));
    }

    /**
     * Drops the tenant's cached catalog once the current transaction commits (at once without one), so a
     * reader cannot cache the old rows again between the eviction and the commit.
     */
    public void evict(String tenantId) {
        Runnable delete = () -> {
            try {
                redisson.getBucket(cacheKey(tenantId)).delete();
            } catch (RedisException e) {
                // Missed evictions end with the entry's TTL; a Redis that restarts comes back empty.
                log.warn("catalog cache unavailable, not evicted: {}", e.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delete.run();
                }
            });
        } else {
            delete.run();
        }
    }

    String cacheKey(String tenantId) {
        return properties.keyPrefix() + "catalog:" + tenantId;
    }
}
