package dev.comanda.e2e;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.comanda.client.ComandaClient;
import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.RedisMode;
import dev.comanda.local.LocalComanda;
import dev.comanda.local.LocalComanda.LocalSettings;
import dev.comanda.local.LocalStackOptions;
import dev.comanda.local.TestTemporal;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole Comanda stack the end-to-end tests share, started once per test run: a fresh database on
 * the test MySQL/MariaDB, the test Redis under a random key prefix, a real Temporal dev server
 * ({@code temporal server start-dev}, SQLite in a temporary folder), the payment sandbox, the workers and
 * the API, and an SMTP server ({@link Mailbox}) the workers send every e-mail to, every server on a free port.
 */
final class E2eStack implements AutoCloseable {

    /** JSON of bodies the typed requests cannot hold (deliberately wrong ones) and of the event stream. */
    static final JsonMapper JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

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
    private final ComandaClient api;
    private final String operatorKey;
    private final Path temporalDataDir;
    private final Mailbox mailbox;

    private E2eStack(
            TestDatabase database, LocalComanda comanda, String operatorKey, Path temporalDataDir, Mailbox mailbox) {
        this.database = database;
        this.temporalDataDir = temporalDataDir;
        this.comanda = comanda;
        this.operatorKey = operatorKey;
        this.mailbox = mailbox;
        this.jdbc =
                JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        this.api = E2eStack.client(comanda.apiUrl());
    }

    static E2eStack start() {
        var database = TestDatabase.create();
        var mailbox = Mailbox.start();
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
                    0,
                    SandboxConfig.forTests(),
                    properties(
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
                            RATE_LIMIT_PERIOD,
                            // The suite's restaurants place one after another within seconds, and its rushes
                            // (ConcurrentPlacementTests) are about stock, not fairness: no rate share, which
                            // AdmissionShareTests and the noisy-neighbour benchmark cover.
                            "comanda.api.admission.max-rate-per-tenant",
                            "0",
                            // Runs come from the tests (ReconciliationEndToEndTests), with a grace short
                            // enough that an order lost a second ago is a suspect.
                            "comanda.reconciliation.interval",
                            "1h",
                            "comanda.reconciliation.grace",
                            "1s",
                            // E-mails leave by SMTP, to the mailbox: the tests read customers' codes there.
                            "comanda.notifications.email.mode",
                            "smtp",
                            "spring.mail.host",
                            "127.0.0.1",
                            "spring.mail.port",
                            String.valueOf(mailbox.port()),
                            "management.health.mail.enabled",
                            "false"));
            return new E2eStack(
                    database,
                    LocalComanda.start(options, settings),
                    operatorKey,
                    localDir.resolve("temporal"),
                    mailbox);
        } catch (Exception e) {
            mailbox.close();
            database.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    ComandaClient api() {
        return api;
    }

    /** The API's management server (actuator), apart from the API port. */
    String managementUrl() {
        return comanda.managementUrl();
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

    /** The dev server's data folder: its SQLite database ({@code temporal.db} and its WAL). */
    Path temporalDataDir() {
        return temporalDataDir;
    }

    /** The SMTP server the stack's e-mails go to. */
    Mailbox mailbox() {
        return mailbox;
    }

    /** The operator key of the stack's API, for the operator endpoints and the operator's ops queue. */
    String operatorKey() {
        return operatorKey;
    }

    /** A new tenant, onboarded through the operator endpoint as an operator would. */
    TestTenant newTenant(String name) {
        return TestTenant.onboard(api, operatorKey, name + "-" + randomHex());
    }

    /** The client of the API at {@code url} the tests use: every exchange is checked against the API's OpenAPI document. */
    static ComandaClient client(String url) {
        var uri = URI.create(url);
        return ComandaClient.builder(uri).listener(OpenApiContract.of(uri)).build();
    }

    /** Spring properties from alternating keys and values. */
    private static Map<String, String> properties(String... keysAndValues) {
        var properties = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @Override
    public void close() {
        try {
            comanda.close();
        } finally {
            mailbox.close();
            database.close();
        }
    }
}
