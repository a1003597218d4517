package dev.comanda.api;

import static dev.comanda.api.FailFastAssertions.CLIENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Redis stops answering under a running API (its port becomes a black hole). Every Redis use has a
 * fallback (no throttling, the catalog from the database), so requests are still served, and each Redis
 * command is bounded by COMANDA_REDIS_TIMEOUT: the answer comes within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTests {

    private TestDatabase database;
    private Outage redisPort;
    private Outage temporal;
    private RunningApi api;
    private JsonNode tokens;

    @BeforeAll
    void startApiThenCutRedis() throws Exception {
        database = TestDatabase.create();
        var redis = URI.create(TestRedis.url());
        redisPort = Outage.before(redis.getHost(), redis.getPort());
        temporal = Outage.blackHole();
        api = RunningApi.start(RunningApi.settings(
                database, database.url(), "redis://127.0.0.1:" + redisPort.port(), "127.0.0.1:" + temporal.port()));
        tokens = api.onboard("fail-fast-redis");
        api.send("GET", "/api/v1/products", tokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        redisPort.cut();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        redisPort.close();
        temporal.close();
        database.close();
    }

    @Test
    void theCatalogIsServedFromTheDatabaseWithinTheClientTimeout() throws Exception {
        var response =
                api.send("GET", "/api/v1/products", tokens.get("customer").asString(), null, CLIENT_TIMEOUT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(RunningApi.json(response).get(0).get("sku").asString()).isEqualTo("PIZZA");
    }
}
