package dev.comanda.devservices;

/** Where {@link DevRedis} gets its Redis. */
public enum RedisMode {
    /** The configured Redis when it answers, else embedded, else a redis-server from the PATH. */
    AUTO,
    /** Only the configured Redis. */
    EXISTING,
    /** Always the embedded Redis binary. */
    EMBEDDED,
    /** Always a redis-server found on the PATH. */
    PATH
}
