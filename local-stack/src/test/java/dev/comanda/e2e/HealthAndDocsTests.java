package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class HealthAndDocsTests {

    private static ComandaClient api;

    @BeforeAll
    static void connect(E2eStack stack) {
        api = stack.api();
    }

    @Test
    void healthIsUpWithDatabaseRedisAndTemporal() {
        var health = api.withToken(null).raw().get("/actuator/health");

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
