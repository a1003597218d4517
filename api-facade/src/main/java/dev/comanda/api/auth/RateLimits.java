package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.springframework.stereotype.Component;

/**
 * The Redis token bucket of each caller (an API key or device token, a person), shared by every api-facade instance. Its rate is set once
 * per token and instance rather than on every request (a Redis round trip each time); should the bucket's
 * configuration vanish from Redis (restart, eviction) it is set again on the next request.
 */
@Component
class RateLimits {

    /** What one request learnt from its token's bucket. */
    record Outcome(boolean allowed, long remaining) {}

    private final RedissonClient redisson;
    private final ApiProperties properties;
    private final Map<String, RRateLimiter> configured = new ConcurrentHashMap<>();

    RateLimits(RedissonClient redisson, ApiProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    /** Takes a permit of the caller's bucket; {@code caller} names it (an API key's ID, a person's). */
    Outcome acquire(String caller) {
        var limiter = configured.computeIfAbsent(caller, this::configuredLimiter);
        boolean allowed;
        try {
            allowed = limiter.tryAcquire();
        } catch (RedisException e) {
            // The bucket lost its rate (Redis restarted or evicted the key): set it and try once more.
            configure(limiter);
            allowed = limiter.tryAcquire();
        }
        return new Outcome(allowed, Math.max(0, limiter.availablePermits()));
    }

    private RRateLimiter configuredLimiter(String caller) {
        var limiter = redisson.getRateLimiter(properties.redisPrefix() + "rate:" + caller);
        configure(limiter);
        return limiter;
    }

    private void configure(RRateLimiter limiter) {
        var limit = properties.rateLimit();
        limiter.trySetRate(RateType.OVERALL, limit.requests(), limit.period());
    }
}
