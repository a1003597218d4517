package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.admission.Admission;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.order.OrderEventJson;
import dev.comanda.persistence.order.OrderEventProperties;
import dev.comanda.testing.TemporalDevServer;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Admission control over real HTTP, on a real Temporal dev server with no worker polling: every
 * accepted order stays in flight (PENDING, its workflow never runs), so the limit of two is reached by
 * the first two placements and stays reached, and what happens past it is certain, not timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionTests {

    private static final int LIMIT = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TENANT = "admission";
    private static final Pattern SHED_COUNT =
            Pattern.compile("(?m)^comanda_api_admission_shed_total\\{[^}]*reason=\"orders_in_flight\"[^}]*} (\\S+)$");

    private TestDatabase database;
    private TemporalDevServer temporal;
    private RunningApi api;
    private JdbcClient jdbc;
    private String customer;
    private final List<String> acceptedKeys = new ArrayList<>();

    @BeforeAll
    void startApiAndFillEverySlot() throws Exception {
        database = TestDatabase.create();
        temporal = TemporalDevServer.start(OrderSearchAttributes.registrations());
        var settings = RunningApi.settings(database, database.url(), TestRedis.url(), temporal.target());
        settings.put("comanda.api.admission.max-in-flight", Integer.toString(LIMIT));
        // The instance's own most, not a share of an adaptive limit, is what is filled here.
        settings.put("comanda.api.admission.adaptive", "false");
        // Nothing expires while the tests run: only a heard answer frees a slot.
        settings.put("comanda.api.admission.in-flight-timeout", "1h");
        settings.put("comanda.api.admission.retry-after", "3s");
        settings.put("comanda.events.topic-prefix", TestRedis.keyPrefix() + "events:");
        api = RunningApi.start(settings);
        jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        customer = api.onboard(TENANT).get("customer").asString();
        for (int i = 0; i < LIMIT; i++) {
            var key = "accepted-" + i;
            assertThat(place(key).statusCode()).isEqualTo(201);
            acceptedKeys.add(key);
        }
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        database.close();
    }

    @Test
    void aPlacementOverTheLimitAnswers503WithRetryAfterNamingWhy() throws Exception {
        var response = place("over-" + UUID.randomUUID());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
        var problem = RunningApi.json(response);
        assertThat(problem.get("reason").asString()).isEqualTo(Admission.ORDERS_IN_FLIGHT);
        assertThat(problem.get("detail").asString()).contains("2 in flight");
    }

    @Test
    void aShedPlacementLeavesNoReceiptAndNoOrder() throws Exception {
        var key = "shed-" + UUID.randomUUID();

        assertThat(place(key).statusCode()).isEqualTo(503);

        var orderId = OrderContract.orderId(TENANT, key);
        assertThat(count("SELECT COUNT(*) FROM order_placements WHERE order_id = ?", orderId))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM orders WHERE order_id = ?", orderId))
                .isZero();
    }

    @Test
    void aReplayOfAnAcceptedPlacementIsAnsweredNotShed() throws Exception {
        var response = place(acceptedKeys.getFirst());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(RunningApi.json(response).get("id").asString())
                .isEqualTo(OrderContract.orderId(TENANT, acceptedKeys.getFirst()));
    }

    @Test
    void aRetryOfAnAcceptedPlacementWhoseReplayIsGoneIsAnsweredNotShed() throws Exception {
        var key = acceptedKeys.getLast();
        var orderId = OrderContract.orderId(TENANT, key);
        var properties = api.bean(ApiProperties.class);
        api.bean(RedissonClient.class)
                .getBucket(properties.redisPrefix() + "idem:" + TENANT + ':' + orderId, StringCodec.INSTANCE)
                .delete();

        var response = place(key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(RunningApi.json(response).get("id").asString()).isEqualTo(orderId);
    }

    @Test
    void aShedPlacementIsCounted() throws Exception {
        var before = shedCount();

        assertThat(place("counted-" + UUID.randomUUID()).statusCode()).isEqualTo(503);

        assertThat(shedCount()).isEqualTo(before + 1);
    }

    @Test
    void anOrderWhoseAnswerIsHeardFreesItsSlot() throws Exception {
        var answered = acceptedKeys.removeFirst();
        // The CONFIRMED event as the workers publish it after their commit (OrderEventPublisher).
        var event = new OrderEvent(
                TENANT,
                1,
                OrderContract.orderId(TENANT, answered),
                2,
                "CONFIRMED",
                OrderStatus.CONFIRMED,
                Instant.now(),
                null,
                null,
                Instant.now(),
                null);
        var topic = api.bean(OrderEventProperties.class).topic(TENANT);
        api.bean(RedissonClient.class)
                .getTopic(topic, StringCodec.INSTANCE)
                .publish(OrderEventJson.write(List.of(event)));

        // Pub/sub delivers on its own thread: the freed slot shows within the deadline, not at once.
        var admission = api.bean(Admission.class);
        var deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (admission.inFlight() == LIMIT && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        var key = "after-answer-" + UUID.randomUUID();
        assertThat(place(key).statusCode()).isEqualTo(201);
        acceptedKeys.add(key);
    }

    private HttpResponse<String> place(String idempotencyKey) throws Exception {
        return api.send("POST", "/api/v1/orders", customer, RunningApi.takeaway(), TIMEOUT, idempotencyKey);
    }

    private long count(String sql, String orderId) {
        return jdbc.sql(sql).param(orderId).query(Long.class).single();
    }

    private double shedCount() throws Exception {
        var scrape = api.send(
                        "GET", api.management().resolve("/actuator/prometheus").toString(), null, null, TIMEOUT)
                .body();
        var matcher = SHED_COUNT.matcher(scrape);
        assertThat(matcher.find()).as("the shed counter is exported").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
