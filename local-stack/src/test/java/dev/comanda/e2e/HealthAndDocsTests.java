package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class HealthAndDocsTests {

    private static ComandaClient api;
    /** The API's management port (actuator): not the API the OpenAPI document describes. */
    private static ComandaClient management;

    private static E2eStack stack;

    @BeforeAll
    static void connect(E2eStack e2e) {
        stack = e2e;
        api = e2e.api();
        management = ComandaClient.builder(URI.create(e2e.managementUrl())).build();
    }

    @Test
    void healthIsUpWithDatabaseRedisAndTemporal() {
        var health =
                management.raw().send("GET", "/actuator/health", Map.of("X-Operator-Key", stack.operatorKey()), null);

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        var body = health.json();
        assertThat(body.get("status").asString()).isEqualTo("UP");
        for (var component : new String[] {"db", "redis", "temporal"}) {
            assertThat(body.at("/components/" + component + "/status").asString())
                    .as("%s in %s", component, body)
                    .isEqualTo("UP");
        }
    }

    @Test
    void healthShowsAnonymousCallersTheStatusOnly() {
        var health = management.raw().get("/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().has("components")).as(health.toString()).isFalse();
    }

    @Test
    void theApiPortServesNoActuator() {
        assertThat(api.withToken(null).raw().get("/actuator/prometheus").status())
                .isEqualTo(404);
        assertThat(api.withToken(null).raw().get("/actuator/health").status()).isEqualTo(404);
    }

    @Test
    void apiDocsServeAnOpenApi3DocumentOfTheOrderEndpoints() {
        var docs = api.withToken(null).raw().get("/v3/api-docs");

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        var document = docs.json();
        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.get("paths").has("/api/v1/orders")).isTrue();
        assertThat(document.get("paths").has("/api/v1/orders/{id}/transitions")).isTrue();
    }

    @Test
    void apiDocsListTheOpsQueue() {
        var paths = api.withToken(null).raw().get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/api/v1/ops/orders/queue")).isTrue();
        assertThat(paths.has("/api/v1/ops/orders/{id}")).isTrue();
        assertThat(paths.has("/api/v1/ops/orders/{id}/resolve")).isTrue();
        assertThat(paths.has("/api/v1/ops/orders/{id}/retry")).isTrue();
    }
}
