package dev.comanda.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's catalog, read through a Redis cache of one JSON entry per tenant with a TTL. Product and
 * price changes evict the entry after their transaction commits; stock moved by reservations is not
 * evicted (too frequent), so shown availability may be up to one TTL old. Prices of orders come only
 * from {@link #findForOrder}.
 */
@Service
public class CatalogService {

    // Its own mapper: the cached format must not change with the web layer's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        var cached = bucket.get();
        if (cached != null) {
            return List.of(JSON.readValue(cached, CatalogProduct[].class));
        }
        var products = repository.products(tenantId);
        bucket.set(JSON.writeValueAsString(products), properties.ttl());
        return products;
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
        Runnable delete = () -> redisson.getBucket(cacheKey(tenantId)).delete();
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
