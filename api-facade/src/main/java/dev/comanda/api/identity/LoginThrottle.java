package dev.comanda.api.identity;

import dev.comanda.api.ApiProperties;
import dev.comanda.persistence.tenant.ApiTokens;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted in Redis per account (tenant and e-mail, hashed: no address in Redis) and per
 * source address, over a window; past either limit a login answers 429 without checking the password.
 * An unknown e-mail counts like a known one, so the limit says nothing about who has an account. A
 * success clears its account's count. Without Redis, logins go on unthrottled (logged): the password
 * hash's cost still bounds guessing.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final RedissonClient redisson;
    private final IdentityProperties properties;
    private final String prefix;

    LoginThrottle(RedissonClient redisson, IdentityProperties properties, ApiProperties api) {
        this.redisson = redisson;
        this.properties = properties;
        this.prefix = api.redisPrefix() + "login:";
    }

    /** How long to wait when the account or the source is over its limit; empty when a try is allowed. */
    Optional<Duration> blocked(String tenantId, String email, String source) {
        try {
            var account = redisson.getAtomicLong(accountKey(tenantId, email));
            if (account.get() >= properties.maxFailuresPerAccount()) {
                return Optional.of(remaining(account.remainTimeToLive()));
            }
            var from = redisson.getAtomicLong(sourceKey(source));
            if (from.get() >= properties.maxFailuresPerSource()) {
                return Optional.of(remaining(from.remainTimeToLive()));
            }
            return Optional.empty();
        } catch (RedisException e) {
            log.warn("login throttle unavailable, login not throttled: {}", e.getMessage());
            return Optional.empty();
        }
    }

    void failed(String tenantId, String email, String source) {
        try {
            count(accountKey(tenantId, email));
            count(sourceKey(source));
        } catch (RedisException e) {
            log.warn("login throttle unavailable, failure not counted: {}", e.getMessage());
        }
    }

    void succeeded(String tenantId, String email) {
        try {
            redisson.getAtomicLong(accountKey(tenantId, email)).delete();
        } catch (RedisException e) {
            log.warn("login throttle unavailable: {}", e.getMessage());
        }
    }

    private void count(String key) {
        var counter = redisson.getAtomicLong(key);
        if (counter.incrementAndGet() == 1) {
            counter.expire(properties.failureWindow());
        }
    }

    private Duration remaining(long remainingMillis) {
        return remainingMillis > 0 ? Duration.ofMillis(remainingMillis) : properties.failureWindow();
    }

    private String accountKey(String tenantId, String email) {
        return prefix + "account:" + ApiTokens.hash(tenantId + '\n' + email);
    }

    private String sourceKey(String source) {
        return prefix + "source:" + source;
    }
}
