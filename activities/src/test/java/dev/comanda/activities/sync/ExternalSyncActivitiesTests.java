package dev.comanda.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ObservabilityProperties;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderState;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.sync.SyncLogRepository;
import dev.comanda.persistence.sync.SyncLogRepository.Status;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.sync.ExternalSyncActivities.Push;
import dev.comanda.testing.IntegrationDatabase;
import dev.comanda.testing.RecordingHttpServer;
import dev.comanda.testing.TestOrders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

class ExternalSyncActivitiesTests {

    private static final String TENANT = "pizzeria-1";
    private static final String CHANNEL = "ifood";
    private static final String SECRET = "mk_secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Opens after two calls with at least half failed, and stays open for the whole test. */
    private static final MarketplaceSyncProperties PROPERTIES = new MarketplaceSyncProperties(
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            new MarketplaceSyncProperties.CircuitBreaker(50, 4, 2, Duration.ofMinutes(10), 1));

    private static IntegrationDatabase db;
    private final RecordingHttpServer marketplace = new RecordingHttpServer();
    private MarketplaceEndpointRepository endpoints;
    private SyncLogRepository syncLog;
    private ExternalSyncActivitiesImpl activities;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ComandaMetrics metrics = new ComandaMetrics(meters, ObservabilityProperties.DEFAULTS);

    @BeforeEach
    void start() {
        endpoints = new MarketplaceEndpointRepository(db.jdbc());
        syncLog = new SyncLogRepository(db.jdbc());
        endpoints.upsert(new MarketplaceEndpoint(TENANT, CHANNEL, marketplace.url("/orders"), SECRET, true));
        activities = new ExternalSyncActivitiesImpl(
                endpoints,
                syncLog,
                new MarketplaceClient(RestClient.builder(), PROPERTIES, JSON),
                SyncConfiguration.circuitBreakers(PROPERTIES.circuitBreaker(), metrics),
                PROPERTIES,
                JSON,
                metrics);
    }

    @AfterEach
    void stop() {
        marketplace.close();
    }

    @Test
    void successfulPushIsLoggedSyncedWithTheMarketplaceId() {
        marketplace.answer(201, "{\"id\":\"IF-123\"}");
        var push = push();

        var pushed = activities.push(push);

        assertThat(pushed).isEqualTo(new ExternalSyncActivities.Pushed(CHANNEL, "IF-123"));
        var log = syncLog.find(push.order().orderId(), CHANNEL).orElseThrow();
        assertThat(log.status()).isEqualTo(Status.SYNCED);
        assertThat(log.externalId()).isEqualTo("IF-123");
        assertThat(log.attempts()).isEqualTo(1);
        var request = marketplace.received().getFirst();
        assertThat(request.header("Idempotency-Key")).isEqualTo(push.idempotencyKey());
        assertThat(WebhookSignature.verify(
                        request.header(WebhookSignature.HEADER), request.body(), SECRET, Duration.ofMinutes(5)))
                .isTrue();
    }

    @Test
    void repeatOfASyncedPushDoesNotPushAgain() {
        marketplace.answer(201, "{\"id\":\"IF-123\"}");
        var push = push();
        activities.push(push);

        var again = activities.push(push);

        assertThat(again.externalId()).isEqualTo("IF-123");
        assertThat(marketplace.received()).hasSize(1);
    }

    @Test
    void failingMarketplaceOpensTheCircuitAndTheLogSaysSo() {
        marketplace.answer(503, null);
        var push = push();

        var first = catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push));
        var second = catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push));
        var whileOpen = catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push));

        assertThat(first.isNonRetryable()).isFalse();
        assertThat(second.isNonRetryable()).isFalse();
        assertThat(whileOpen.isNonRetryable()).isFalse();
        assertThat(whileOpen.getNextRetryDelay())
                .isEqualTo(PROPERTIES.circuitBreaker().waitInOpenState());
        assertThat(marketplace.received())
                .as("the open circuit kept the third call away")
                .hasSize(2);
        var log = syncLog.find(push.order().orderId(), CHANNEL).orElseThrow();
        assertThat(log.status()).isEqualTo(Status.CIRCUIT_OPEN);
        assertThat(log.attempts()).isEqualTo(3);
    }

    @Test
    void failuresAndTheOpenCircuitAreMeteredByChannel() {
        marketplace.answer(503, null);
        var push = push();

        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push));
        }

        assertThat(failures("error")).isEqualTo(2);
        assertThat(failures("circuit_open")).isEqualTo(1);
        assertThat(meters.get("comanda.marketplace.circuit.breakers")
                        .tag("channel", CHANNEL)
                        .tag("state", "open")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    private double failures(String failure) {
        return meters.get("comanda.marketplace.sync.failures")
                .tag("channel", CHANNEL)
                .tag("failure", failure)
                .counter()
                .count();
    }

    @Test
    void failedPushIsLoggedFailedWithTheError() {
        marketplace.answer(500, "{\"error\":\"boom\"}");
        var push = push();

        catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push));

        var log = syncLog.find(push.order().orderId(), CHANNEL).orElseThrow();
        assertThat(log.status()).isEqualTo(Status.FAILED);
        assertThat(log.lastError()).contains("500");
    }

    @Test
    void disabledEndpointIsANonRetryableFailure() {
        endpoints.upsert(new MarketplaceEndpoint(TENANT, CHANNEL, marketplace.url("/orders"), SECRET, false));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.push(push()));

        assertThat(failure.getType()).isEqualTo(ExternalSyncActivitiesImpl.MARKETPLACE_NOT_CONFIGURED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(marketplace.received()).isEmpty();
    }

    @Test
    void enabledChannelsListsOnlyEnabledEndpointsOfTheTenant() {
        endpoints.upsert(new MarketplaceEndpoint(TENANT, "rappi", "http://127.0.0.1:1/x", null, true));
        endpoints.upsert(new MarketplaceEndpoint(TENANT, "erp", "http://127.0.0.1:1/y", null, false));
        endpoints.upsert(new MarketplaceEndpoint("other-tenant", "uber", "http://127.0.0.1:1/z", null, true));

        assertThat(endpoints.enabledChannels(TENANT)).containsExactly(CHANNEL, "rappi");
    }

    private static Push push() {
        OrderState order = TestOrders.confirmed(TENANT, "ana@example.com");
        return new Push(OrderContract.effectKey(order.orderId(), "sync-" + CHANNEL), CHANNEL, order);
    }
}
