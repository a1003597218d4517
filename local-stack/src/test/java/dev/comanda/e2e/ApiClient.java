package dev.comanda.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API over real HTTP, as a client sees it: status, headers and the exact body bytes. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One answer; {@link #json()} parses the body. */
    record Response(int status, HttpHeaders headers, byte[] body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** The fields a problem+json body names in {@code errors[].field}. */
        List<String> errorFields() {
            return StreamSupport.stream(json().path("errors").spliterator(), false)
                    .map(error -> error.path("field").asString())
                    .toList();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    Response get(String path, String token) {
        return send("GET", path, bearer(token), null);
    }

    Response post(String path, String token, Object body) {
        return post(path, bearer(token), body);
    }

    /** POSTs {@code body} as JSON: a String is sent as it is, anything else is serialised. */
    Response post(String path, Map<String, String> headers, Object body) {
        var all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        var text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send("POST", path, all, text);
    }

    /** A request to any URL (the payment sandbox, the actuator): {@code path} may be absolute. */
    Response send(String method, String path, Map<String, String> headers, String body) {
        var uri = URI.create(path.startsWith("http") ? path : baseUrl + path);
        var request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri + " interrupted", e);
        }
    }

    static Map<String, String> bearer(String token) {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }
}
