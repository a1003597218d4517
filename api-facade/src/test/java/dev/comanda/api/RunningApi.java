package dev.comanda.api;

import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real ApiApplication on a free port, as LocalComanda starts it, and a plain HTTP client for it. */
final class RunningApi implements AutoCloseable {

    static final String OPERATOR_KEY = "fail-fast-operator-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    /** What this instance started for itself and closes with it (a database, an outage). */
    private final java.util.List<AutoCloseable> owned = new java.util.ArrayList<>();

    private RunningApi(ConfigurableApplicationContext context) {
        this.context = context;
        var port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The settings every outage test starts from: the test database at {@code jdbcUrl}, Redis at
     * {@code redisUrl} under this run's key prefix, Temporal at {@code temporalTarget}.
     */
    static Map<String, String> settings(TestDatabase database, String jdbcUrl, String redisUrl, String temporalTarget) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", database.user());
        settings.put("spring.datasource.password", database.password());
        settings.put("comanda.redis.url", redisUrl);
        settings.put("comanda.api.redis-prefix", TestRedis.keyPrefix());
        settings.put("comanda.catalog.key-prefix", TestRedis.keyPrefix());
        settings.put("spring.temporal.connection.target", temporalTarget);
        // No workers run here: no order gets an outcome to wait for, so placements answer PENDING at once.
        settings.put("comanda.api.placement-wait", "0s");
        return settings;
    }

    /**
     * An API on a database of its own and the run's Redis, with Temporal out of reach (a black hole: a
     * start does not need it), plus {@code extra} settings; the database and the outage close with it.
     */
    static RunningApi withoutTemporal(Map<String, String> extra) throws IOException {
        var database = TestDatabase.create();
        var temporal = Outage.blackHole();
        try {
            var settings = settings(database, database.url(), TestRedis.url(), "127.0.0.1:" + temporal.port());
            settings.putAll(extra);
            var api = start(settings);
            api.owned.add(temporal);
            api.owned.add(database);
            return api;
        } catch (RuntimeException e) {
            temporal.close();
            database.close();
            throw e;
        }
    }

    static RunningApi start(Map<String, String> properties) {
        var args = new ArrayList<String>();
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        args.add("--comanda.api.operator-key=" + OPERATOR_KEY);
        properties.forEach((key, value) -> args.add("--" + key + '=' + value));
        return new RunningApi(ApiApplication.application().run(args.toArray(String[]::new)));
    }

    /** A payment-provider webhook: the exact {@code body} bytes with their signature header. */
    HttpResponse<String> webhook(String body, String signature, Duration timeout)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve("/api/v1/payments/webhook"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(dev.comanda.payment.WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The management server (actuator) on its own free port. */
    URI management() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port"));
    }

    /** The public API port. */
    URI base() {
        return base;
    }

    /** The API's application context, for tests about what it holds. */
    ConfigurableApplicationContext context() {
        return context;
    }

    /** A new tenant with one product in stock; answers its tokens by role (customer, kitchen, admin, ops). */
    JsonNode onboard(String tenant) throws IOException, InterruptedException {
        var created = send(
                "POST",
                "/api/v1/ops/tenants",
                null,
                Map.of("id", tenant, "name", "Fail Fast " + tenant, "currency", "BRL"),
                Duration.ofSeconds(30));
        require(created, 201);
        var tokens = JSON.readTree(created.body()).get("tokens");
        var product = send(
                "POST",
                "/api/v1/products",
                tokens.get("admin").asString(),
                Map.of("sku", "PIZZA", "name", "Pizza", "priceCents", 4_500, "initialStock", 100),
                Duration.ofSeconds(30));
        require(product, 201);
        return tokens;
    }

    static Map<String, Object> takeaway() {
        return Map.of(
                "customer", Map.of("name", "Ana", "email", "ana@example.com"),
                "items", java.util.List.of(Map.of("sku", "PIZZA", "quantity", 1)),
                "fulfilment", Map.of("type", "TAKEAWAY"),
                "payment", Map.of("method", "PIX"));
    }

    /** A request with a client timeout; a call that gets no answer in time throws HttpTimeoutException. */
    HttpResponse<String> send(String method, String path, String token, Object body, Duration timeout)
            throws IOException, InterruptedException {
        return send(method, path, token, body, timeout, null);
    }

    /** The same, with an {@code Idempotency-Key} header when {@code idempotencyKey} is not null. */
    HttpResponse<String> send(
            String method, String path, String token, Object body, Duration timeout, String idempotencyKey)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (path.startsWith("/api/v1/ops/")) {
            request.header("X-Operator-Key", OPERATOR_KEY);
        } else if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    /** A bean of the running application (its Redis client, say), for what a test must set up or look at. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
        for (var resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource, e);
            }
        }
    }
}
