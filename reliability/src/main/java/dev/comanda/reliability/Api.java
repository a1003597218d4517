package dev.comanda.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP as a client of the API or the payment sandbox sees it. A connection failure or timeout
 * is an answer too (status 0), since under a fault that is what clients get and must retry.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Status of an answer that never came: refused connection, reset, or timeout. */
    static final int NO_ANSWER = 0;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;
    private final Duration timeout;

    Api(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    record Answer(int status, String body) {

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status / 100 == 2;
        }

        /** Worth repeating unchanged: no answer, a server error, or throttling. */
        boolean retryable() {
            return status == NO_ANSWER || status >= 500 || status == 429;
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.substring(0, Math.min(300, body.length())));
        }
    }

    Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    Answer post(String path, Map<String, String> headers, Object body) {
        return send("POST", path, headers, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    Answer put(String path, Map<String, String> headers, Object body) {
        return send("PUT", path, headers, JSON.writeValueAsString(body));
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, "interrupted");
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
