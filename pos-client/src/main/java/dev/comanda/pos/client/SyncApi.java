package dev.comanda.pos.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Comanda's sync endpoints over HTTP, with the answers a POS must tell apart. */
public final class SyncApi {

    /** The server could not be reached or could not answer now (connection refused, timeout, 5xx, 429): retry later. */
    public static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The server refused the request itself (4xx): retrying the same request cannot help. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String body) {
            super(status + " " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** 410 from the pull: the cursor cannot be served; resync from the snapshot. */
    public static final class CursorGone extends Exception {
        CursorGone(String body) {
            super(body);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Duration timeout;

    public SyncApi(String baseUrl, String token, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Uploads one batch; the body of the 200 answer ({@code results}, one per order). */
    public JsonNode upload(List<JsonNode> orders) throws Unreachable {
        var body = LocalStore.JSON.createObjectNode();
        body.putArray("orders").addAll(orders);
        var request = request("/api/v1/sync/orders")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LocalStore.JSON.writeValueAsString(body)))
                .build();
        return send(request);
    }

    public JsonNode changes(String cursor, int limit) throws Unreachable, CursorGone {
        var query = "?limit=" + limit
                + (cursor == null ? "" : "&since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        try {
            return send(request("/api/v1/sync/changes" + query).GET().build());
        } catch (Refused e) {
            if (e.status() == 410) {
                throw new CursorGone(e.getMessage());
            }
            throw e;
        }
    }

    public JsonNode snapshot() throws Unreachable {
        return send(request("/api/v1/sync/snapshot").GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) throws Unreachable {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(request.method() + " " + request.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            throw new Unreachable(status + " " + response.body(), null);
        }
        if (status >= 400) {
            throw new Refused(status, response.body());
        }
        try {
            return LocalStore.JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new Unreachable("unreadable answer: " + e.getMessage(), e);
        }
    }
}
