package dev.comanda.api;

import static dev.comanda.api.FailFastAssertions.CLIENT_TIMEOUT;
import static dev.comanda.api.FailFastAssertions.assertUnavailable;

import dev.comanda.payment.WebhookSignature;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The database stops answering under a running API (its port becomes a black hole): every request
 * answers 503 naming the database within seconds, instead of waiting on the connection pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTests {

    private static final String ORDER_ID = "0123456789abcdef0123456789abcdef";

    private TestDatabase database;
    private Outage databasePort;
    private Outage temporal;
    private RunningApi api;
    private JsonNode tokens;
    private JsonNode uncachedTokens;

    @BeforeAll
    void startApiThenCutTheDatabase() throws Exception {
        database = TestDatabase.create();
        var server = URI.create(database.url().substring("jdbc:".length()));
        databasePort = Outage.before(server.getHost(), server.getPort());
        temporal = Outage.blackHole();
        api = RunningApi.start(RunningApi.settings(
                database,
                "jdbc:mysql://127.0.0.1:" + databasePort.port() + '/' + database.name()
                        + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC",
                TestRedis.url(),
                "127.0.0.1:" + temporal.port()));
        tokens = api.onboard("fail-fast-db");
        uncachedTokens = api.onboard("fail-fast-db-2");
        // Authenticated once, so the token cache lets these requests through to the controllers.
        api.send("GET", "/api/v1/products", tokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        databasePort.cut();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        databasePort.close();
        temporal.close();
        database.close();
    }

    @Test
    void aPlacementAnswers503NamingTheDatabase() throws Exception {
        var response = api.send(
                "POST", "/api/v1/orders", tokens.get("customer").asString(), RunningApi.takeaway(), CLIENT_TIMEOUT);
        assertUnavailable(response, "database");
    }

    /**
     * The signal to the order's workflow is encrypted under the order's data key (docs/personal-data.md),
     * which an instance that does not hold it in its cache reads from the database: 503 naming the
     * database, and the provider delivers the webhook again later.
     */
    @Test
    void aSignedPixWebhookNeedsTheDatabaseForItsOrdersDataKey() throws Exception {
        var body = "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_outage\",\"method\":\"PIX\","
                + "\"metadata\":{\"tenant_id\":\"fail-fast-db\",\"order_id\":\"" + ORDER_ID + "\"}}}";
        var signature = WebhookSignature.sign(body, "whsec_comanda", java.time.Instant.now());

        var response = api.webhook(body, signature, CLIENT_TIMEOUT);

        assertUnavailable(response, "database");
    }

    @Test
    void aReadAnswers503NamingTheDatabase() throws Exception {
        var response = api.send(
                "GET", "/api/v1/orders/" + ORDER_ID, tokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        assertUnavailable(response, "database");
    }

    @Test
    void aKitchenMoveAnswers503NamingTheDatabase() throws Exception {
        var response = api.send(
                "POST",
                "/api/v1/orders/" + ORDER_ID + "/transitions",
                uncachedTokens.get("kitchen").asString(),
                Map.of("status", "PREPARING"),
                CLIENT_TIMEOUT);
        assertUnavailable(response, "database");
    }

    @Test
    void theTokenCheckAnswers503NotAFalse401() throws Exception {
        var response = api.send(
                "GET", "/api/v1/products", uncachedTokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        assertUnavailable(response, "database");
    }
}
