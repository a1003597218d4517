package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Authenticated tokens kept briefly in this instance, so a busy client costs one MySQL lookup per
 * {@code tokenCacheTtl} instead of one per request. Only successes are kept (an unknown token is asked
 * of MySQL every time and can never fill the cache); a revoked token keeps working here for at most the TTL.
 * Device tokens are never kept: revoking a POS device (a lost or stolen till) must stop it at its next
 * request, and a restaurant's few devices cost little to check each time.
 */
@Component
class TokenCache {

    /** Beyond this many live entries the cache starts over rather than grow without bound. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Principal principal, Instant expiresAt) {}

    private final ApiTokens tokens;
    private final ApiProperties properties;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    TokenCache(ApiTokens tokens, ApiProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<Principal> authenticate(String rawToken) {
        var ttl = properties.tokenCacheTtl();
        if (ttl.isZero() || ttl.isNegative()) {
            return tokens.authenticate(rawToken);
        }
        var now = clock.instant();
        var cached = entries.get(rawToken);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return Optional.of(cached.principal());
        }
        var principal = tokens.authenticate(rawToken);
        if (principal.isPresent() && principal.get().role() != Actor.DEVICE) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(rawToken, new Entry(principal.get(), now.plus(ttl)));
        } else {
            entries.remove(rawToken);
        }
        return principal;
    }
}
