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
 * What the servlet container and Spring Security see before any controller does — a malformed or unsupported
 * {@code Content-Type}, a method no endpoint has, a URL the firewall refuses — answers a 4xx problem+json on
 * every surface (bearer, operator key, signed webhook), never a 500 or the container's error page. Over real
 * HTTP, since the multipart parsing that failed happens in the servlet request, which MockMvc replaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTests {

    private static final String NO_BOUNDARY = "multipart/form-data";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of());
        admin = RunningApi.json(api.send(
                        "POST",
                        "/api/v1/ops/tenants",
                        null,
                        Map.of("id", "malformed", "name", "Malformed", "currency", "BRL"),
                        Duration.ofSeconds(30)))
                .get("tokens")
                .get("admin")
                .asString();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aMultipartTypeWithoutBoundaryOnAGetOfTheBearerSurfaceIsIgnored() throws Exception {
        for (var path : new String[] {"/api/v1/devices", "/api/v1/products", "/api/v1/sync/changes?limit=5"}) {
            var answer = send("GET", path, NO_BOUNDARY, "Authorization", "Bearer " + admin, "");

            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        }
    }

    @Test
    void aMultipartTypeWithoutBoundaryOnTheSignedWebhookIsRefusedAsUnsupported() throws Exception {
        var answer = send("POST", "/api/v1/payments/webhook", NO_BOUNDARY, "X-Unused", "x", "{}");

        assertClientProblem(answer, "webhook");
        assertThat(answer.statusCode()).isEqualTo(415);
    }

    @Test
    void aMultipartTypeWithoutBoundaryOnTheOperatorSurfaceIsRefusedAsUnsupported() throws Exception {
        var answer = send(
                "PUT",
                "/api/v1/ops/tenants/malformed/marketplaces/ifood",
                NO_BOUNDARY,
                "X-Operator-Key",
                RunningApi.OPERATOR_KEY,
                "{}");

        assertClientProblem(answer, "marketplace");
        assertThat(answer.statusCode()).isEqualTo(415);
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsAClientProblem() throws Exception {
        var answer = send("POST", "/api/v1/devices", "not a media type", "Authorization", "Bearer " + admin, "{}");

        assertClientProblem(answer, "devices");
    }

    @Test
    void aMethodNoEndpointHasAnswersMethodNotAllowed() throws Exception {
        var answer = send("QUERY", "/api/v1/products", null, "Authorization", "Bearer " + admin, "");

        assertClientProblem(answer, "QUERY");
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    @Test
    void aUrlTheFirewallRefusesAnswersBadRequest() throws Exception {
        var answer = send("DELETE", "/api/v1/devices/a%25b", null, "Authorization", "Bearer " + admin, "");

        assertClientProblem(answer, "%25");
        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void anEncodedBackslashInAPathIsRefusedByTheFirewallNotTomcat() throws Exception {
        var answer = send("DELETE", "/api/v1/devices/a%5Cb", null, "Authorization", "Bearer " + admin, "");

        assertClientProblem(answer, "%5C");
        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void aQueryStringTomcatCannotDecodeAnswersBadRequest() throws Exception {
        var answer = send(
                "GET", "/api/v1/sync/changes?=%F4%82%B8%89%031&limit=5", null, "Authorization", "Bearer " + admin, "");

        assertClientProblem(answer, "query");
        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void anIntegerWrittenWithAZeroFractionIsThatIntegerAndAFractionIsRefused() throws Exception {
        var whole = api.send(
                "POST",
                "/api/v1/products",
                admin,
                Map.of("sku", "WHOLE", "name", "Whole", "priceCents", 4500.0, "initialStock", 3.0),
                Duration.ofSeconds(20));
        var fraction = api.send(
                "POST",
                "/api/v1/products",
                admin,
                Map.of("sku", "FRACTION", "name", "Fraction", "priceCents", 1e-40, "initialStock", 3),
                Duration.ofSeconds(20));

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(201);
        assertThat(RunningApi.json(whole).at("/price/cents").asLong()).isEqualTo(4500);
        assertClientProblem(fraction, "fraction");
        assertThat(RunningApi.json(fraction).at("/errors/0/field").asString()).isEqualTo("priceCents");
    }

    private HttpResponse<String> send(
            String method, String path, String contentType, String header, String value, String body) throws Exception {
        var request = HttpRequest.newBuilder(api.base().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header(header, value)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertClientProblem(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(RunningApi.json(answer).get("type").asString()).as(what).startsWith("https://comanda.dev/problems/");
    }
}
