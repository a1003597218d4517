package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Browser clients of a configured origin: the preflight is answered before any token is asked for, a 401
 * is readable by the page, another origin gets 403 and no CORS header, and the WebSocket event stream
 * allows the same origins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTests {

    private static final String MENU = "https://menu.example";
    private static final String ELSEWHERE = "https://evil.example";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(
                Map.of("comanda.api.cors.allowed-origins", MENU + ",https://*.delivery.example"));
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() throws Exception {
        var preflight = preflight(MENU, "POST", "authorization,content-type,idempotency-key");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(MENU);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow()
                        .toLowerCase())
                .contains("authorization", "content-type", "idempotency-key");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void anOriginMatchingAPatternIsAllowed() throws Exception {
        var preflight = preflight("https://roma.delivery.example", "GET", "authorization");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://roma.delivery.example");
    }

    @Test
    void aPreflightFromAnotherOriginAnswers403WithoutCorsHeaders() throws Exception {
        var preflight = preflight(ELSEWHERE, "POST", "authorization");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void aRequestWithoutATokenAnswers401ThatThePageCanRead() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(api.base().resolve("/api/v1/products"))
                        .header("Origin", MENU)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(MENU);
        assertThat(response.headers()
                        .firstValue("Access-Control-Expose-Headers")
                        .orElseThrow())
                .contains("Location", "Retry-After", "WWW-Authenticate");
    }

    @Test
    void theEventStreamAcceptsAnAllowedOrigin() throws Exception {
        var socket = events(MENU).get(10, TimeUnit.SECONDS);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void theEventStreamRefusesAnotherOriginWith403() {
        assertThatThrownBy(() -> events(ELSEWHERE).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        return http.send(
                HttpRequest.newBuilder(api.base().resolve("/api/v1/orders"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", headers)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private java.util.concurrent.CompletableFuture<WebSocket> events(String origin) {
        var uri = URI.create("ws://127.0.0.1:" + api.base().getPort() + "/api/v1/events");
        return http.newWebSocketBuilder().header("Origin", origin).buildAsync(uri, new WebSocket.Listener() {});
    }
}
