package dev.comanda.api.order;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.comanda.api.ApiProperties;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The marketplaces a new order of a tenant is pushed to, kept briefly in this instance: every placement
 * needs them and they change once in a restaurant's life, so a busy tenant costs one query per
 * {@code marketplaceChannelsTtl} instead of one per order. This instance's own change evicts at once;
 * another instance's is seen within the TTL. Harmless either way: a channel disabled meanwhile is
 * skipped when the push finds its endpoint disabled, and one enabled meanwhile misses only the orders of
 * that window.
 */
@Component
public class MarketplaceChannels {

    /** Tenants kept at most; beyond it the least used are dropped (and read again when next asked for). */
    private static final int MAX_TENANTS = 10_000;

    private final MarketplaceEndpointRepository endpoints;
    private final Cache<String, List<String>> enabled;

    MarketplaceChannels(MarketplaceEndpointRepository endpoints, ApiProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.enabled = Caffeine.newBuilder()
                .maximumSize(MAX_TENANTS)
                .expireAfterWrite(properties.marketplaceChannelsTtl())
                // The application's clock, so a test can move time; in nanoseconds, as Caffeine counts.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * The {@code marketplaces} of a new PlaceOrder of this tenant. Read outside the cache's own lock: with MySQL out
     * of reach a read waits its connection timeout, and placements of one restaurant waiting on the cache's load
     * would each wait for the one before (a fault run saw them answered 2 s apart, the last after 24 s).
     */
    List<String> enabled(String tenantId) {
        var known = enabled.getIfPresent(tenantId);
        if (known != null) {
            return known;
        }
        var read = endpoints.enabledChannels(tenantId);
        enabled.put(tenantId, read);
        return read;
    }

    /** After this instance changed the tenant's endpoints: the next order reads them again. */
    public void changed(String tenantId) {
        enabled.invalidate(tenantId);
    }
}
