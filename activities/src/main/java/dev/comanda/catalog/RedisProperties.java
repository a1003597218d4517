package dev.comanda.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where Redis lives: {@code comanda.redis.url}, env {@code COMANDA_REDIS_URL}. */
@ConfigurationProperties("comanda.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url) {}
