package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first response to each Idempotency-Key, kept in Redis for a day so a retry gets the very same
 * bytes. Redis is a convenience here, not the guarantee: when it is down, placements go on and the
 * workflow ID still makes a repeated key one order.
 */
@Component
class PlacementReplay {

    private static final Logger log = LoggerFactory.getLogger(PlacementReplay.class);
    private static final int FINGERPRINT_LENGTH = 64;

    private final RedissonClient redisson;
    private final ApiProperties properties;

    PlacementReplay(RedissonClient redisson, ApiProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    /** The request fingerprint and the response body of the first placement under a key. */
    record Stored(String fingerprint, byte[] body) {}

    Optional<Stored> find(String tenantId, String orderId) {
        try {
            return Optional.ofNullable(bucket(tenantId, orderId).get()).map(PlacementReplay::decode);
        } catch (RedisException e) {
            log.warn("idempotency cache unavailable, relying on the workflow ID: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps this response unless another request with the key got there first; returns the one kept. */
    Stored storeFirst(String tenantId, String orderId, String fingerprint, byte[] body) {
        var mine = new Stored(fingerprint, body);
        try {
            var bucket = bucket(tenantId, orderId);
            if (bucket.setIfAbsent(encode(mine), properties.idempotencyTtl())) {
                return mine;
            }
            return Optional.ofNullable(bucket.get())
                    .map(PlacementReplay::decode)
                    .orElse(mine);
        } catch (RedisException e) {
            log.warn("idempotency cache unavailable, response not kept: {}", e.getMessage());
            return mine;
        }
    }

    private RBucket<String> bucket(String tenantId, String orderId) {
        return redisson.getBucket(properties.redisPrefix() + "idem:" + tenantId + ':' + orderId, StringCodec.INSTANCE);
    }

    private static String encode(Stored stored) {
        return stored.fingerprint() + new String(stored.body(), StandardCharsets.UTF_8);
    }

    private static Stored decode(String value) {
        return new Stored(
                value.substring(0, FINGERPRINT_LENGTH),
                value.substring(FINGERPRINT_LENGTH).getBytes(StandardCharsets.UTF_8));
    }
}
