package dev.comanda.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.comanda.api.ApiProperties;
import dev.comanda.persistence.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which tenants are offboarded (docs/personal-data.md), as this instance knows it. An offboarded tenant
 * stays so for good, so that answer is kept for good; a live one is trusted for {@code tokenCacheTtl}, as
 * an authenticated token is, so a tenant offboarded on another instance is refused here within that
 * time — and at once on the instance that offboarded it. Revoking the tenant's credentials is the first
 * line; this stops what outlives revocation: people's and guests' signed tokens, cached API keys.
 */
@Component
public class OffboardedTenants {

    private static final Logger log = LoggerFactory.getLogger(OffboardedTenants.class);
    /** Tenants kept at most; beyond it the least used are dropped (and read again when next asked for). */
    private static final int MAX_TENANTS = 10_000;
    /** As long as Caffeine can count: offboarding is never undone. */
    private static final Duration FOR_GOOD = Duration.ofNanos(Long.MAX_VALUE);

    private final TenantRepository tenants;
    private final Cache<String, Boolean> offboarded;

    OffboardedTenants(TenantRepository tenants, ApiProperties properties, Clock clock) {
        this.tenants = tenants;
        this.offboarded = Caffeine.newBuilder()
                .maximumSize(MAX_TENANTS)
                .expireAfter(Expiry.<String, Boolean>writing(
                        (tenantId, gone) -> gone ? FOR_GOOD : properties.tokenCacheTtl()))
                // The application's clock, so a test can move time; in nanoseconds, as Caffeine counts.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * Whether the tenant is offboarded. With MySQL out of reach a tenant not known to be offboarded is let
     * through: its revoked credentials are refused anyway, and refusing every caller would turn a
     * database outage into a full one for the tenants that are live.
     */
    public boolean isOffboarded(String tenantId) {
        var known = offboarded.getIfPresent(tenantId);
        if (known != null) {
            return known;
        }
        boolean gone;
        try {
            gone = tenants.offboardedAt(tenantId).isPresent();
        } catch (RuntimeException e) {
            log.warn("tenant {} not checked for offboarding, database unavailable: {}", tenantId, e.toString());
            return false;
        }
        offboarded.put(tenantId, gone);
        return gone;
    }

    /** This instance offboarded the tenant: it is refused here from now on. */
    public void offboarded(String tenantId) {
        offboarded.put(tenantId, true);
    }
}
