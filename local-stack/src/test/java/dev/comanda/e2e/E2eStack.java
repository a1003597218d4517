package dev.comanda.e2e;

import dev.comanda.local.LocalComanda;
import dev.comanda.local.LocalComanda.LocalSettings;
import dev.comanda.local.LocalStackOptions;
import dev.comanda.local.LocalStackOptions.DatabaseMode;
import dev.comanda.local.LocalStackOptions.RedisMode;
import dev.comanda.local.TestTemporal;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The whole Comanda stack the end-to-end tests share, started once per test run: a fresh database on
 * the test MySQL/MariaDB, the test Redis under a random key prefix, a real Temporal dev server
 * ({@code temporal server start-dev}, SQLite in a temporary folder), the payment sandbox, the workers and
 * the API, every server on a free port.
 */
final class E2eStack implements AutoCloseable {

    /** Suite-wide rate limit: a token may make this many requests per {@link #RATE_LIMIT_PERIOD}. */
    static final int RATE_LIMIT_REQUESTS = 300;
    /**
     * Long enough that a burst can never be refilled while it runs, so the throttling test needs no
     * timing; the other test classes each use tokens of their own and stay far below the limit.
     */
    static final String RATE_LIMIT_PERIOD = "10m";

    private final TestDatabase database;
    private final LocalComanda comanda;
    private final JdbcClient jdbc;
    private final ApiClient api;
    private final String operatorKey;

    private E2eStack(TestDatabase database, LocalComanda comanda, String operatorKey) {
        this.database = database;
        this.comanda = comanda;
        this.operatorKey = operatorKey;
        this.jdbc =
                JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        this.api = new ApiClient(comanda.apiUrl());
    }

    static E2eStack start() {
        var database = TestDatabase.create();
        try {
            var operatorKey = "op-" + randomHex();
            var redisPrefix = "t" + randomHex() + ":";
            var localDir = Files.createTempDirectory("comanda-e2e");
            var options = new LocalStackOptions(
                    TestTemporal.devServer(localDir.resolve("temporal")),
                    new LocalStackOptions.Database(
                            database.url(),
                            true,
                            database.user(),
                            database.password(),
                            DatabaseMode.EXISTING,
                            0,
                            localDir),
                    new LocalStackOptions.Redis(TestRedis.url(), RedisMode.EXISTING, 0));
            var settings = new LocalSettings(
                    0,
                    0,
                    SandboxConfig.forTests(),
                    Map.of(
                            "comanda.api.operator-key",
                            operatorKey,
                            "comanda.api.redis-prefix",
                            redisPrefix + "api:",
                            "comanda.catalog.cache.key-prefix",
                            redisPrefix + "catalog:",
                            "comanda.events.topic-prefix",
                            redisPrefix + "events:",
                            "comanda.api.rate-limit.requests",
                            String.valueOf(RATE_LIMIT_REQUESTS),
                            "comanda.api.rate-limit.period",
                            RATE_LIMIT_PERIOD));
            return new E2eStack(database, LocalComanda.start(options, settings), operatorKey);
        } catch (Exception e) {
            database.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    ApiClient api() {
        return api;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    PaymentSandbox sandbox() {
        return comanda.sandbox();
    }

    String sandboxUrl() {
        return comanda.sandboxUrl();
    }

    LocalComanda comanda() {
        return comanda;
    }

    /** A new tenant, onboarded through the operator endpoint as an operator would. */
    TestTenant newTenant(String name) {
        return TestTenant.onboard(api, operatorKey, name + "-" + randomHex());
    }

    static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @Override
    public void close() {
        try {
            comanda.close();
        } finally {
            database.close();
        }
    }
}
