package dev.comanda.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** HTTP and JSON under every call: builds the request, tells the listeners, maps the answer or the problem. */
final class Transport {

    /** Lenient on what the server adds: a field a newer server answers must not break an older client. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    static final String API = "/api/v1";
    private static final String JSON_TYPE = "application/json";

    private final HttpClient http;
    private final URI baseUri;
    private final Duration timeout;
    private final List<ExchangeListener> listeners;

    Transport(HttpClient http, URI baseUri, Duration timeout, List<ExchangeListener> listeners) {
        this.http = http;
        this.baseUri = baseUri;
        this.timeout = timeout;
        this.listeners = listeners;
    }

    URI baseUri() {
        return baseUri;
    }

    /** Headers of a call as {@code token}'s caller, with more headers after it. */
    static Map<String, String> headers(String token, String... more) {
        var headers = new LinkedHashMap<String, String>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            if (more[i + 1] != null) {
                headers.put(more[i], more[i + 1]);
            }
        }
        return headers;
    }

    /** A typed call: {@code body} serialised as JSON (none when null), a 2xx answer read as {@code type}. */
    <T> T call(String method, String path, Map<String, String> headers, Object body, Class<T> type) {
        return read(exchange(method, path, withJson(headers, body), serialise(body)), JSON.constructType(type));
    }

    <T> T call(String method, String path, Map<String, String> headers, Object body, JavaType type) {
        return read(exchange(method, path, withJson(headers, body), serialise(body)), type);
    }

    <T> CompletableFuture<T> callAsync(
            String method, String path, Map<String, String> headers, Object body, Class<T> type) {
        return exchangeAsync(method, path, withJson(headers, body), serialise(body))
                .thenApply(response -> read(response, JSON.constructType(type)));
    }

    /** One exchange as it is: {@code path} relative to the server root, or an absolute URL. */
    RawResponse exchange(String method, String path, Map<String, String> headers, String body) {
        var uri = uri(path);
        try {
            var response = http.send(request(method, uri, headers, body), HttpResponse.BodyHandlers.ofByteArray());
            return answered(method, uri, headers, body, response);
        } catch (IOException e) {
            throw new NoAnswerException(method + " " + uri + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswerException(method + " " + uri + ": interrupted", e);
        }
    }

    CompletableFuture<RawResponse> exchangeAsync(String method, String path, Map<String, String> headers, String body) {
        var uri = uri(path);
        return http.sendAsync(request(method, uri, headers, body), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        var cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw new NoAnswerException(method + " " + uri + ": no answer", cause);
                    }
                    return answered(method, uri, headers, body, response);
                });
    }

    private URI uri(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? URI.create(path) : baseUri.resolve(path);
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, String body) {
        var request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return request.build();
    }

    private RawResponse answered(
            String method, URI uri, Map<String, String> headers, String body, HttpResponse<byte[]> response) {
        var raw = new RawResponse(response.statusCode(), response.headers(), response.body());
        var exchange = new Exchange(method, uri, Map.copyOf(headers), body, raw);
        listeners.forEach(listener -> listener.exchanged(exchange));
        return raw;
    }

    private static <T> T read(RawResponse response, JavaType type) {
        if (!response.ok()) {
            throw ProblemException.of(response);
        }
        if (type.getRawClass() == Void.class || response.body().length == 0) {
            return null;
        }
        return JSON.readValue(response.body(), type);
    }

    private static Map<String, String> withJson(Map<String, String> headers, Object body) {
        if (body == null) {
            return headers;
        }
        var all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", JSON_TYPE);
        return all;
    }

    static String serialise(Object body) {
        return body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
    }
}
