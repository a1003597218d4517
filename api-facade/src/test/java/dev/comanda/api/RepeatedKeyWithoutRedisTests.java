package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.testing.TemporalDevServer;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One Idempotency-Key, one answer, even while Redis — where the first answer to a key is kept — does not
 * answer: every request under the key answers the order its first placement kept in the database (its time
 * of placement included), not a copy made of its own body. Real HTTP, a real database and a real Temporal dev
 * server (no worker polls: every order stays PENDING, so the answers compared are the no-outcome ones).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatedKeyWithoutRedisTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TENANT = "repeat-no-redis";

    private TestDatabase database;
    private TemporalDevServer temporal;
    private Outage redisPort;
    private RunningApi api;
    private String customer;

    @BeforeAll
    void startApiThenCutRedis() throws Exception {
        database = TestDatabase.create();
        temporal = TemporalDevServer.start(OrderSearchAttributes.registrations());
        var redis = URI.create(TestRedis.url());
        redisPort = Outage.before(redis.getHost(), redis.getPort());
        api = RunningApi.start(RunningApi.settings(
                database, database.url(), "redis://127.0.0.1:" + redisPort.port(), temporal.target()));
        customer = api.onboard(TENANT).get("customer").asString();
        redisPort.cut();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        redisPort.close();
        if (temporal != null) {
            temporal.close();
        }
        database.close();
    }

    @Test
    void aRetryUnderTheKeyAnswersTheFirstPlacementsOrder() throws Exception {
        var key = "retry-" + UUID.randomUUID();

        var first = place(key);
        // The retry's own copy of the order would carry a later time of placement.
        Thread.sleep(50);
        var retry = place(key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(RunningApi.json(retry)).isEqualTo(RunningApi.json(first));
        assertThat(RunningApi.json(first).get("id").asString()).isEqualTo(OrderContract.orderId(TENANT, key));
        assertThat(RunningApi.json(first).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void twoRequestsUnderTheKeyAtOnceAnswerTheSame() throws Exception {
        var key = "twins-" + UUID.randomUUID();

        HttpResponse<String> one;
        HttpResponse<String> other;
        try (var twins = Executors.newVirtualThreadPerTaskExecutor()) {
            var a = twins.submit(() -> place(key));
            var b = twins.submit(() -> place(key));
            one = a.get();
            other = b.get();
        }

        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(RunningApi.json(other)).isEqualTo(RunningApi.json(one));
    }

    private HttpResponse<String> place(String key) throws Exception {
        return api.send("POST", "/api/v1/orders", customer, RunningApi.takeaway(), TIMEOUT, key);
    }
}
