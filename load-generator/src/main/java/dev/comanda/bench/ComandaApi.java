package dev.comanda.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST calls a benchmark makes, over one shared JDK HttpClient. */
final class ComandaApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A call's outcome: status and body, or the exception's class when no response came. */
    record Reply(int status, String body, String failure) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The bucket an error is counted in: {@code http-409}, {@code ConnectException}, ... */
        String errorKind() {
            return failure != null ? failure : "http-" + status;
        }
    }

    private final String base;
    private final HttpClient http;
    private final JsonMapper json;

    ComandaApi(String apiUrl, JsonMapper json) {
        this.base = apiUrl + "/api/v1";
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** Creates a tenant and answers its tokens by role (customer, kitchen, admin, ops). */
    Map<String, String> createTenant(String operatorKey, String id) {
        var reply = send(request("/ops/tenants")
                .header("X-Operator-Key", operatorKey)
                .POST(body(Map.of("id", id, "name", "Benchmark " + id, "currency", "BRL"))));
        var tokens = require(reply, "create tenant").get("tokens");
        return Map.of(
                "customer", tokens.get("customer").asString(),
                "kitchen", tokens.get("kitchen").asString(),
                "admin", tokens.get("admin").asString(),
                "ops", tokens.get("ops").asString());
    }

    void createProduct(String adminToken, String sku, long priceCents, int stock) {
        var reply = send(authorized("/products", adminToken)
                .POST(body(
                        Map.of("sku", sku, "name", "Bench " + sku, "priceCents", priceCents, "initialStock", stock))));
        require(reply, "create product " + sku);
    }

    Reply placeOrder(String token, String idempotencyKey, Object order) {
        return send(authorized("/orders", token)
                .header("Idempotency-Key", idempotencyKey)
                .POST(body(order)));
    }

    Reply transition(String token, String orderId, String status) {
        return send(authorized("/orders/" + orderId + "/transitions", token).POST(body(Map.of("status", status))));
    }

    Reply cancel(String token, String orderId) {
        return send(authorized("/orders/" + orderId + "/cancel", token).POST(body(Map.of("reason", "benchmark"))));
    }

    Reply history(String opsToken, String orderId) {
        return send(authorized("/orders/" + orderId + "/history", opsToken).GET());
    }

    JsonNode parse(String body) {
        return json.readTree(body);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json");
    }

    private HttpRequest.Builder authorized(String path, String token) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    private HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), null);
        } catch (IOException e) {
            return new Reply(0, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        }
    }

    private JsonNode require(Reply reply, String what) {
        if (!reply.ok()) {
            throw new IllegalStateException(what + " failed: " + reply.errorKind() + " " + reply.body());
        }
        return parse(reply.body());
    }
}
