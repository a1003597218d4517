package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The API as it starts by default, seen from outside: the actuator on its own port (Prometheus never on
 * the public one), health details for an OPS token or the operator key only, liveness and readiness open
 * to anyone, and no browser origin allowed. Real database and Redis; Temporal out of reach, so readiness
 * here leaves it out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementSurfaceTests {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;
    private JsonNode tokens;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(
                Map.of("management.endpoint.health.group.readiness.include", "readinessState,db,redis"));
        tokens = api.onboard("surface");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void prometheusIsServedOnTheManagementPort() throws Exception {
        var scrape = get(api.management().resolve("/actuator/prometheus"), null, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("application=\"api-facade\"");
    }

    @Test
    void prometheusIsNotServedOnThePublicApiPort() throws Exception {
        assertThat(api.management().getPort()).isNotEqualTo(api.base().getPort());
        assertThat(get(api.base().resolve("/actuator/prometheus"), null, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void healthWithoutACallerShowsTheStatusOnly() throws Exception {
        var health = RunningApi.json(get(api.management().resolve("/actuator/health"), null, null));

        assertThat(health.has("status")).isTrue();
        assertThat(health.has("components")).isFalse();
    }

    @Test
    void healthShowsEveryComponentsDetailsToAnOpsToken() throws Exception {
        var health = RunningApi.json(get(
                api.management().resolve("/actuator/health"),
                "Authorization",
                "Bearer " + tokens.get("ops").asString()));

        assertThat(health.path("components").path("db").path("details").has("database"))
                .isTrue();
        assertThat(health.path("components").has("redis")).isTrue();
    }

    @Test
    void healthShowsDetailsToTheOperatorKey() throws Exception {
        var health = RunningApi.json(
                get(api.management().resolve("/actuator/health"), "X-Operator-Key", RunningApi.OPERATOR_KEY));

        assertThat(health.path("components").has("db")).isTrue();
    }

    @Test
    void healthShowsNoDetailsToAKitchenToken() throws Exception {
        var health = RunningApi.json(get(
                api.management().resolve("/actuator/health"),
                "Authorization",
                "Bearer " + tokens.get("kitchen").asString()));

        assertThat(health.has("components")).isFalse();
    }

    @Test
    void healthShowsNoDetailsToAWrongOperatorKey() throws Exception {
        var health = RunningApi.json(get(api.management().resolve("/actuator/health"), "X-Operator-Key", "guessed"));

        assertThat(health.has("components")).isFalse();
    }

    @Test
    void livenessIsOpenToAnyone() throws Exception {
        var liveness = get(api.management().resolve("/actuator/health/liveness"), null, null);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(RunningApi.json(liveness).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessIsOpenToAnyoneWithoutDetails() throws Exception {
        var readiness = get(api.management().resolve("/actuator/health/readiness"), null, null);

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(RunningApi.json(readiness).path("status").asString()).isEqualTo("UP");
        assertThat(RunningApi.json(readiness).has("components")).isFalse();
    }

    @Test
    void theApiPortAnswersReadinessAndLivenessForLoadBalancers() throws Exception {
        assertThat(get(api.base().resolve("/readyz"), null, null).statusCode()).isEqualTo(200);
        assertThat(get(api.base().resolve("/livez"), null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void noBrowserOriginIsAllowedByDefault() throws Exception {
        var preflight = http.send(
                HttpRequest.newBuilder(api.base().resolve("/api/v1/orders"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://menu.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private HttpResponse<String> get(URI uri, String header, String value) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
