package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.RedisMode;
import dev.comanda.local.LocalComanda.LocalSettings;
import dev.comanda.order.Actor;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Both apps, as the local run starts them, expose the Temporal SDK's series and Comanda's business
 * meters on {@code /actuator/prometheus} after one real order: the scrape Prometheus and the
 * dashboards depend on.
 */
class AppMetricsTests {

    /** The Temporal starter's scope reports to Micrometer every 10 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Low enough that the fourth request of the customer token is refused. */
    private static final int RATE_LIMIT = 3;

    @TempDir
    static Path localDir;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase database;
    private static LocalComanda comanda;
    private static DemoTenant demo;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        var prefix = "comanda-test:"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
        var options = new LocalStackOptions(
                TestTemporal.devServer(localDir.resolve("temporal")),
                new LocalStackOptions.Database(
                        database.url(), true, database.user(), database.password(), DatabaseMode.EXISTING, 0, localDir),
                new LocalStackOptions.Redis(TestRedis.url(), RedisMode.EXISTING, 0));
        comanda = LocalComanda.start(
                options,
                new LocalSettings(
                        0,
                        0,
                        0,
                        SandboxConfig.forTests(),
                        Map.of(
                                "comanda.api.redis-prefix",
                                prefix,
                                "comanda.catalog.cache.key-prefix",
                                prefix + "catalog:",
                                "comanda.api.rate-limit.requests",
                                String.valueOf(RATE_LIMIT),
                                "comanda.api.rate-limit.period",
                                "10m")));
        demo = DemoTenant.seed(comanda.api());
    }

    @AfterAll
    static void stop() {
        if (comanda != null) {
            comanda.close();
        }
        database.close();
    }

    @Test
    void bothAppsExportTemporalAndBusinessSeriesAfterAnOrder() throws Exception {
        var customer = demo.tokens().get(Actor.CUSTOMER);
        var placed = send(HttpRequest.newBuilder(URI.create(comanda.apiUrl() + "/api/v1/orders"))
                .header("Authorization", "Bearer " + customer)
                .header("Idempotency-Key", "metrics-1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customer":{"name":"Ana","email":"ana@example.com"},
                         "items":[{"sku":"PIZZA-MARG","quantity":1}],"fulfilment":{"type":"TAKEAWAY"},
                         "payment":{"method":"CARD","cardToken":"tok_visa"}}"""))
                .build());
        assertThat(placed.statusCode()).isEqualTo(201);
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < RATE_LIMIT; i++) {
            statuses.add(send(HttpRequest.newBuilder(URI.create(comanda.apiUrl() + "/api/v1/orders"))
                            .header("Authorization", "Bearer " + customer)
                            .build())
                    .statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 429);

        var workers = scrapeUntil(
                "http://127.0.0.1:"
                        + ((WebServerApplicationContext) comanda.workers())
                                .getWebServer()
                                .getPort(),
                comanda.workers().getId(),
                List.of(
                        series(
                                "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
                                "task_queue",
                                "orders"),
                        // The card is charged and the read model written by local activities (the CONFIRMED
                        // notification goes through the outbox: no regular activity before the kitchen).
                        series("temporal_local_activity_execution_latency_seconds_bucket", "task_queue", "orders"),
                        series("temporal_worker_task_slots_available", "application", "workers"),
                        series("comanda_orders_placed_total", "channel", "web", "1.0"),
                        series("comanda_orders_stage_latency_seconds_count", "stage", "confirmed", "1"),
                        series("comanda_payment_provider_requests_seconds_count", "outcome", "success", "1")));
        var api = scrapeUntil(
                comanda.managementUrl(),
                comanda.api().getId(),
                List.of(
                        series("temporal_request_total", "application", "api-facade"),
                        series("http_server_requests_seconds_bucket", "status", "201"),
                        series("comanda_api_rate_limited_total", "role", "customer", "1.0")));

        assertThat(workers).containsPattern(series("comanda_orders_placed_total", "instance", "[^\"]+"));
        assertThat(api).doesNotContain(demo.tenantId()).doesNotContain(customer);
        // Spring Security's observations are off (api-facade.yml): none of their timers, though requests were
        // authenticated and authorized above.
        assertThat(api).doesNotContain("spring_security_");
    }

    /** A line of the series {@code name} with {@code label="value"} among its labels, and the sample value when given. */
    private static Pattern series(String name, String label, String value, String... sample) {
        var line = Pattern.quote(name) + "\\{[^}]*" + label + "=\"" + value + "\"[^}]*\\}";
        return Pattern.compile(
                sample.length == 0 ? line : line + " " + Pattern.quote(sample[0]) + "(\\.0)?$", Pattern.MULTILINE);
    }

    /** Scrapes {@code base}/actuator/prometheus (the workers' port, the API's management port) until it holds {@code wanted}. */
    private static String scrapeUntil(String base, String app, List<Pattern> wanted)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .build();
        var deadline = Instant.now().plus(DEADLINE);
        List<Pattern> missing;
        do {
            var body = send(request).body();
            missing = wanted.stream().filter(p -> !p.matcher(body).find()).toList();
            if (missing.isEmpty()) {
                return body;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(app + " /actuator/prometheus still lacks " + missing);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
