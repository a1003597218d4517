package dev.comanda.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests exactly as given, for what the typed calls will not send: deliberately bad input (a raw body,
 * odd headers, wrong methods), or endpoints outside {@code /api/v1} (the actuator, the OpenAPI document).
 * Any status comes back as a {@link RawResponse}, never as an exception; no answer at all is a
 * {@link NoAnswerException}. {@code path} is relative to the server root ({@code /api/v1/orders}) or an
 * absolute URL.
 */
public final class RawApi {

    private final Transport transport;
    private final String token;

    RawApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** GET as this client's caller. */
    public RawResponse get(String path) {
        return send("GET", path, Transport.headers(token), null);
    }

    /** POSTs {@code body} as JSON as this client's caller: a String is sent as it is, anything else serialised. */
    public RawResponse post(String path, Object body) {
        return post(path, Transport.headers(token), body);
    }

    /** POSTs {@code body} as JSON with exactly {@code headers} (plus Content-Type), no Authorization of its own. */
    public RawResponse post(String path, Map<String, String> headers, Object body) {
        return send("POST", path, json(headers), Transport.serialise(body));
    }

    /** PUTs {@code body} as JSON with exactly {@code headers} (plus Content-Type). */
    public RawResponse put(String path, Map<String, String> headers, Object body) {
        return send("PUT", path, json(headers), Transport.serialise(body));
    }

    /** Any request: the headers exactly as given (no Content-Type or Authorization added), the body as text. */
    public RawResponse send(String method, String path, Map<String, String> headers, String body) {
        return transport.exchange(method, path, headers, body);
    }

    public CompletableFuture<RawResponse> sendAsync(
            String method, String path, Map<String, String> headers, String body) {
        return transport.exchangeAsync(method, path, headers, body);
    }

    /** {@code Authorization: Bearer <token>}, or nothing for a null token. */
    public static Map<String, String> bearer(String token) {
        return Transport.headers(token);
    }

    private static Map<String, String> json(Map<String, String> headers) {
        var all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }
}
