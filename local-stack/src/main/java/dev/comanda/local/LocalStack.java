package dev.comanda.local;

import dev.comanda.devservices.DevRedis;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal, MySQL/MariaDB and Redis for the one-command local run: each one the configured or
 * already running server when it answers, else an embedded one. {@link #close()} stops only what this
 * stack started, in reverse order. Each component logs one line: "using existing X at ..." or
 * "started embedded X at ...".
 *
 * <pre>{@code
 * try (var stack = LocalStack.start(LocalStackOptions.fromEnvironment())) {
 *     // spring.datasource.url=stack.jdbcUrl(), spring.temporal.connection.target=stack.temporalAddress(), ...
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalTemporal temporal;
    private final LocalDatabase database;
    private final DevRedis redis;

    private LocalStack(LocalTemporal temporal, LocalDatabase database, DevRedis redis) {
        this.temporal = temporal;
        this.database = database;
        this.redis = redis;
    }

    /** Starts or finds every component; on a failure, stops what was already started and rethrows. */
    public static LocalStack start(LocalStackOptions options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            var database = LocalDatabase.start(options.database());
            started.push(database);
            var redis = DevRedis.start(
                    options.redis().url(),
                    "COMANDA_REDIS_URL",
                    options.redis().mode(),
                    options.redis().embeddedPort());
            started.push(redis);
            var temporal = LocalTemporal.start(options.temporal());
            started.push(temporal);
            return new LocalStack(temporal, database, redis);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String temporalAddress() {
        return temporal.address();
    }

    /** Temporal UI's base URL, or {@code null} when there is none. */
    public String temporalUiUrl() {
        return temporal.uiUrl();
    }

    public LocalTemporal temporal() {
        return temporal;
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String dbUser() {
        return database.user();
    }

    public String dbPassword() {
        return database.password();
    }

    public String redisUrl() {
        return redis.url();
    }

    LocalDatabase database() {
        return database;
    }

    DevRedis redis() {
        return redis;
    }

    /** Stops what this stack started, Temporal first and the database last. */
    @Override
    public void close() {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        started.push(database);
        started.push(redis);
        started.push(temporal);
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            var component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", component.getClass().getSimpleName(), e);
            }
        }
    }
}
