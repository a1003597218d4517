package dev.comanda.api.identity;

import dev.comanda.api.ApiProperties;
import java.time.Instant;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Access tokens that must stop before they expire, in Redis for as long as an access token lives:
 * a session ended (logout, refresh-token reuse) by its {@code sid}, and an account changed (role,
 * password, disabled) by the version its tokens carry. One multi-get per staff request, next to the
 * rate limiter's; cheaper than shortening every token's life to seconds. Should Redis be out of reach,
 * tokens are let through (logged) and stop at their expiry ({@code accessTokenTtl}).
 */
@Component
class SessionDenylist {

    private static final Logger log = LoggerFactory.getLogger(SessionDenylist.class);

    private final RedissonClient redisson;
    private final IdentityProperties identity;
    private final String prefix;

    SessionDenylist(RedissonClient redisson, IdentityProperties identity, ApiProperties api) {
        this.redisson = redisson;
        this.identity = identity;
        this.prefix = api.redisPrefix() + "denied:";
    }

    /** Stops the access tokens of the session {@code familyId}. */
    void endSession(String familyId) {
        redisson.<String>getBucket(sessionKey(familyId), StringCodec.INSTANCE).set("1", identity.accessTokenTtl());
    }

    /** Stops the access tokens of a customer's sign-in {@code sessionId} (it signed out), for their whole life. */
    void endCustomerSession(String sessionId) {
        redisson.<String>getBucket(sessionKey(sessionId), StringCodec.INSTANCE).set("1", identity.customerTokenTtl());
    }

    /** Whether the access tokens of the session {@code sessionId} are stopped (a customer's: no account version). */
    boolean deniesSession(String sessionId) {
        try {
            return redisson.<String>getBucket(sessionKey(sessionId), StringCodec.INSTANCE)
                    .isExists();
        } catch (RedisException e) {
            log.warn("session denylist unavailable, access token let through until it expires: {}", e.getMessage());
            return false;
        }
    }

    /** Stops the account's access tokens issued at a version before {@code changedAt}. */
    void accountChanged(long staffId, Instant changedAt) {
        redisson.<String>getBucket(accountKey(staffId), StringCodec.INSTANCE)
                .set(Long.toString(changedAt.toEpochMilli()), identity.accessTokenTtl());
    }

    /** Whether a token of {@code staffId}'s session {@code familyId}, issued at {@code version}, is stopped. */
    boolean denies(long staffId, String familyId, long version) {
        Map<String, String> found;
        try {
            found = redisson.getBuckets(StringCodec.INSTANCE).get(sessionKey(familyId), accountKey(staffId));
        } catch (RedisException e) {
            log.warn("session denylist unavailable, access token let through until it expires: {}", e.getMessage());
            return false;
        }
        if (found.containsKey(sessionKey(familyId))) {
            return true;
        }
        var changed = found.get(accountKey(staffId));
        return changed != null && version < Long.parseLong(changed);
    }

    private String sessionKey(String familyId) {
        return prefix + "sid:" + familyId;
    }

    private String accountKey(long staffId) {
        return prefix + "staff:" + staffId;
    }
}
