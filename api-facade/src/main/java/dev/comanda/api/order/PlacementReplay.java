package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.Address;
import dev.comanda.order.Customer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first response to each Idempotency-Key, kept in Redis for a day so a retry gets the very same
 * bytes. Redis is a convenience here, not the guarantee: when it is down, placements go on and the
 * workflow ID still makes a repeated key one order.
 *
 * <p>What is kept holds no personal data (docs/personal-data.md): the customer and the delivery address
 * are left out and put back from the retry itself, which carries the very same ones (its fingerprint
 * matches). The fingerprint is a hash of the whole request, the customer's part in it; an erasure or an
 * offboarding deletes the entries of its orders, so a retry after it is answered as one after the TTL.
 */
@Component
public class PlacementReplay {

    private static final Logger log = LoggerFactory.getLogger(PlacementReplay.class);
    private static final int FINGERPRINT_LENGTH = 64;

    private final RedissonClient redisson;
    private final ApiProperties properties;
    private final JsonMapper json;

    PlacementReplay(RedissonClient redisson, ApiProperties properties, JsonMapper json) {
        this.redisson = redisson;
        this.properties = properties;
        this.json = json;
    }

    /** The request fingerprint and the response body, without its customer, of the first placement under a key. */
    record Stored(String fingerprint, byte[] body) {}

    Optional<Stored> find(String tenantId, String orderId) {
        try {
            return Optional.ofNullable(bucket(tenantId, orderId).get()).map(PlacementReplay::decode);
        } catch (RedisException e) {
            log.warn("idempotency cache unavailable, relying on the workflow ID: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Keeps this response, without its customer, unless another request with the key got there first:
     * then answers that one's. Empty when this response is the one (or Redis is out of reach).
     */
    Optional<Stored> storeFirst(String tenantId, String orderId, String fingerprint, byte[] body) {
        var mine = new Stored(fingerprint, withoutCustomer(body));
        try {
            var bucket = bucket(tenantId, orderId);
            if (bucket.setIfAbsent(encode(mine), properties.idempotencyTtl())) {
                return Optional.empty();
            }
            return Optional.ofNullable(bucket.get()).map(PlacementReplay::decode);
        } catch (RedisException e) {
            log.warn("idempotency cache unavailable, response not kept: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A kept response as it was answered: the customer and the delivery address of the request put back. */
    byte[] answer(Stored stored, Customer customer, Address address) {
        var body = (ObjectNode) json.readTree(stored.body());
        body.set("customer", json.valueToTree(customer));
        if (body.get("fulfilment") instanceof ObjectNode fulfilment && fulfilment.has("address")) {
            fulfilment.set("address", json.valueToTree(address));
        }
        return json.writeValueAsBytes(body);
    }

    /** Erasure: the entries of these orders go (docs/personal-data.md). */
    public void forget(String tenantId, List<String> orderIds) {
        var keys = orderIds.stream().map(orderId -> key(tenantId, orderId)).toArray(String[]::new);
        if (keys.length > 0) {
            redisson.getKeys().delete(keys);
        }
    }

    /** Offboarding: every entry of the tenant goes, found by SCAN (never KEYS, which would block Redis). */
    public long forgetTenant(String tenantId) {
        var redisKeys = redisson.getKeys();
        var found = redisKeys.getKeys(KeysScanOptions.defaults()
                .pattern(properties.redisPrefix() + "idem:" + tenantId + ":*")
                .chunkSize(500));
        var deleted = 0L;
        var batch = new ArrayList<String>();
        for (var key : found) {
            batch.add(key);
            if (batch.size() == 500) {
                deleted += redisKeys.delete(batch.toArray(String[]::new));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleted += redisKeys.delete(batch.toArray(String[]::new));
        }
        return deleted;
    }

    private byte[] withoutCustomer(byte[] body) {
        var tree = (ObjectNode) json.readTree(body);
        tree.putNull("customer");
        if (tree.get("fulfilment") instanceof ObjectNode fulfilment && fulfilment.has("address")) {
            fulfilment.putNull("address");
        }
        return json.writeValueAsBytes(tree);
    }

    private RBucket<String> bucket(String tenantId, String orderId) {
        return redisson.getBucket(key(tenantId, orderId), StringCodec.INSTANCE);
    }

    private String key(String tenantId, String orderId) {
        return properties.redisPrefix() + "idem:" + tenantId + ':' + orderId;
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
