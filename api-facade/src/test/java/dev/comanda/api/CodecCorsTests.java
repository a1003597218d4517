package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Temporal UI's page calls the codec endpoint from its own origin: the preflight is answered without a
 * token, with credentials allowed; the refusal of a call without a credential is readable by the page
 * (401 with the CORS headers); another origin gets no CORS header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecCorsTests {

    private static final String UI = "http://127.0.0.1:8233";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of("comanda.api.codec.allowed-origins", UI));
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void thePreflightOfTheUiIsAnsweredWithoutATokenAndAllowsCredentials() throws Exception {
        var preflight = send(HttpRequest.newBuilder(api.base().resolve("/codec/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(UI);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .contains("true");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow()
                        .toLowerCase())
                .contains("authorization")
                .contains("x-namespace");
    }

    @Test
    void aCallWithoutACredentialIsA401ThePageCanRead() throws Exception {
        var refused = send(HttpRequest.newBuilder(api.base().resolve("/codec/decode"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}"))
                .header("Origin", UI)
                .header("Content-Type", "application/json"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void anotherOriginGetsNoCorsHeader() throws Exception {
        var preflight = send(HttpRequest.newBuilder(api.base().resolve("/codec/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
