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
 * How many one-time codes are sent, counted in Redis over {@code failureWindow}: per address of a
 * tenant (hashed: no address in Redis), so nobody's mailbox is flooded, and per source address, so one
 * client cannot spray codes over many mailboxes. Past either limit a request answers 429 and sends
 * nothing. Every address is counted alike, whether it has an account or not, so the limit tells nobody
 * which have. Without Redis, codes are sent unthrottled (logged): each code still takes its own tries
 * only ({@code maxCodeTries}).
 */
@Component
class CodeThrottle {

    private static final Logger log = LoggerFactory.getLogger(CodeThrottle.class);

    private final RedissonClient redisson;
    private final IdentityProperties properties;
    private final String prefix;

    CodeThrottle(RedissonClient redisson, IdentityProperties properties, ApiProperties api) {
        this.redisson = redisson;
        this.properties = properties;
        this.prefix = api.redisPrefix() + "codes:";
    }

    /**
     * Counts a request for a code to {@code email} from {@code source}; answers how long to wait when it
     * is over a limit (then nothing is to be sent), empty when the code may go out.
     */
    Optional<Duration> request(String tenantId, String purpose, String email, String source) {
        try {
            var address = redisson.getAtomicLong(
                    prefix + "address:" + ApiTokens.hash(tenantId + '\n' + purpose + '\n' + email));
            var from = redisson.getAtomicLong(prefix + "source:" + source);
            if (address.get() >= properties.maxCodesPerAddress()) {
                return Optional.of(remaining(address.remainTimeToLive()));
            }
            if (from.get() >= properties.maxCodesPerSource()) {
                return Optional.of(remaining(from.remainTimeToLive()));
            }
            count(address);
            count(from);
            return Optional.empty();
        } catch (RedisException e) {
            log.warn("code throttle unavailable, code not throttled: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void count(org.redisson.api.RAtomicLong counter) {
        if (counter.incrementAndGet() == 1) {
            counter.expire(properties.failureWindow());
        }
    }

    private Duration remaining(long remainingMillis) {
        return remainingMillis > 0 ? Duration.ofMillis(remainingMillis) : properties.failureWindow();
    }
}
