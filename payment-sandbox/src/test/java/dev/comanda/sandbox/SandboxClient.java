package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A bare HTTP client for the sandbox's API, so its tests speak the wire format and nothing else. */
final class SandboxClient {

    record Reply(int status, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String secretKey;

    SandboxClient(String baseUrl, String secretKey) {
        this.baseUrl = baseUrl;
        this.secretKey = secretKey;
    }

    Reply post(String path, String idempotencyKey, Map<String, ?> body, String... headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + secretKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + secretKey)
                .GET()
                .build());
    }

    private Reply send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> card(long amount, String token) {
        return Map.of(
                "amount",
                amount,
                "currency",
                "BRL",
                "method",
                "CARD",
                "card_token",
                token,
                "description",
                "order 1",
                "metadata",
                Map.of("order_id", "o1", "tenant_id", "t1"));
    }

    static Map<String, Object> pix(long amount) {
        return Map.of(
                "amount", amount,
                "currency", "BRL",
                "method", "PIX",
                "description", "order 2",
                "metadata", Map.of("order_id", "o2", "tenant_id", "t1"));
    }
}
