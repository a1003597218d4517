package dev.comanda.persistence.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis lives and how long a command may wait for it ({@code comanda.redis.*}, env
 * {@code COMANDA_REDIS_URL}, {@code COMANDA_REDIS_TIMEOUT}, {@code COMANDA_REDIS_RETRY_ATTEMPTS}).
 * Every Redis use in Comanda has a fallback (the database, the workflow ID, no throttling), so when
 * Redis is down a command should fail fast rather than hold a request through Redisson's default
 * retries (about ten seconds per command).
 *
 * @param url the Redis server ({@code redis://host:port}, {@code rediss://} for TLS)
 * @param timeout how long a command waits for its answer, and for a connection
 * @param retryAttempts further tries of a failed command before it fails
 * @param retryDelay pause between those tries
 */
@ConfigurationProperties("comanda.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("1s") Duration timeout,
        @DefaultValue("1") int retryAttempts,
        @DefaultValue("100ms") Duration retryDelay) {}
