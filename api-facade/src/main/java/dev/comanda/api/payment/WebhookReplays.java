package dev.comanda.api.payment;

import dev.comanda.api.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Remembers each verified webhook signature for as long as it could still verify, so the exact same
 * signed request is accepted once: the provider signs every delivery afresh, so only a captured copy
 * arrives twice. Without Redis every delivery is accepted, which is safe because applying a PIX
 * confirmation again changes nothing.
 */
@Component
class WebhookReplays {

    private static final Logger log = LoggerFactory.getLogger(WebhookReplays.class);

    private final RedissonClient redisson;
    private final ApiProperties properties;

    WebhookReplays(RedissonClient redisson, ApiProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    /** True the first time {@code signature} is seen within {@code tolerance} (both ways around now). */
    boolean firstSighting(String signature, Duration tolerance) {
        try {
            return redisson.getBucket(properties.redisPrefix() + "webhook:" + sha256(signature))
                    .setIfAbsent("1", tolerance.multipliedBy(2));
        } catch (RedisException e) {
            log.warn("webhook replay guard unavailable, relying on idempotent processing: {}", e.getMessage());
            return true;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
