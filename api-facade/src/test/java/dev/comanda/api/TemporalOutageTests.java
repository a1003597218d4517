package dev.comanda.api;

import static dev.comanda.api.FailFastAssertions.CLIENT_TIMEOUT;
import static dev.comanda.api.FailFastAssertions.assertUnavailable;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Temporal's address is a black hole (accepts, never answers): starts, updates and queries end at their
 * deadlines with a 503 naming Temporal, instead of the SDK's minute of retries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalOutageTests {

    private static final String ORDER_ID = "0123456789abcdef0123456789abcdef";

    private RunningApi api;
    private JsonNode tokens;

    @BeforeAll
    void startApiWithoutTemporal() throws Exception {
        // The configured bound of an update; the default leaves room for a cancellation's refunds.
        api = RunningApi.withoutTemporal(Map.of("comanda.api.update-timeout", "2s"));
        tokens = api.onboard("fail-fast-temporal");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aPlacementAnswers503NamingTemporal() throws Exception {
        var response = api.send(
                "POST", "/api/v1/orders", tokens.get("customer").asString(), RunningApi.takeaway(), CLIENT_TIMEOUT);
        assertUnavailable(response, "temporal");
    }

    @Test
    void aReadOfAnOrderOnlyTheWorkflowKnowsAnswers503NamingTemporal() throws Exception {
        var response = api.send(
                "GET", "/api/v1/orders/" + ORDER_ID, tokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        assertUnavailable(response, "temporal");
    }

    @Test
    void aKitchenMoveAnswers503NamingTemporal() throws Exception {
        var response = api.send(
                "POST",
                "/api/v1/orders/" + ORDER_ID + "/transitions",
                tokens.get("kitchen").asString(),
                Map.of("status", "PREPARING"),
                CLIENT_TIMEOUT);
        assertUnavailable(response, "temporal");
    }
}
