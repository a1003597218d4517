package dev.comanda.api.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.ApiProperties;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.testing.IntegrationDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The marketplaces of new orders, read from the real table through the instance's short-lived copy:
 * another instance's change shows once the TTL has passed, this instance's own at once.
 */
class MarketplaceChannelsTests {

    private static final Duration TTL = Duration.ofSeconds(10);

    private static IntegrationDatabase db;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T12:00:00Z"));
    private String tenant;
    private MarketplaceEndpointRepository endpoints;
    private MarketplaceChannels channels;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void tenant() {
        tenant = "roma-" + System.nanoTime() % 1_000_000_000L;
        db.jdbc()
                .sql("INSERT INTO tenants (id, name, currency, created_at) VALUES (?, 'Roma', 'BRL', NOW(6))")
                .param(tenant)
                .update();
        endpoints = new MarketplaceEndpointRepository(db.jdbc());
        var properties = new Binder(new MapConfigurationPropertySource(
                        Map.of("comanda.api.marketplace-channels-ttl", TTL.toString())))
                .bindOrCreate("comanda.api", ApiProperties.class);
        channels = new MarketplaceChannels(endpoints, properties, new MovableClock());
    }

    @Test
    void readsWhileTheDatabaseIsSlowDoNotQueueBehindEachOther() throws Exception {
        // Two placements of one restaurant while MySQL makes every read wait: they wait side by side. Each read
        // here returns only once both have started, so a second read queued behind the first fails the test.
        var bothReading = new CountDownLatch(2);
        var slow = new MarketplaceEndpointRepository(db.jdbc()) {
            @Override
            public List<String> enabledChannels(String tenantId) {
                bothReading.countDown();
                try {
                    if (!bothReading.await(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other read waited for this one");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return super.enabledChannels(tenantId);
            }
        };
        var properties = new Binder(new MapConfigurationPropertySource(
                        Map.of("comanda.api.marketplace-channels-ttl", TTL.toString())))
                .bindOrCreate("comanda.api", ApiProperties.class);
        var slowChannels = new MarketplaceChannels(slow, properties, new MovableClock());

        try (var placements = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = placements.submit(() -> slowChannels.enabled(tenant));
            var second = placements.submit(() -> slowChannels.enabled(tenant));

            assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aChangeByAnotherInstanceIsSeenOnceTheTtlHasPassed() {
        assertThat(channels.enabled(tenant)).isEmpty();

        endpoints.upsert(new MarketplaceEndpoint(tenant, "ifood", "https://ifood.example/orders", null, true));
        assertThat(channels.enabled(tenant)).as("still this instance's copy").isEmpty();

        now.updateAndGet(t -> t.plus(TTL).plusMillis(1));
        assertThat(channels.enabled(tenant)).containsExactly("ifood");
    }

    @Test
    void thisInstancesOwnChangeIsSeenByTheNextOrder() {
        assertThat(channels.enabled(tenant)).isEmpty();

        endpoints.upsert(new MarketplaceEndpoint(tenant, "ifood", "https://ifood.example/orders", null, true));
        channels.changed(tenant);

        assertThat(channels.enabled(tenant)).containsExactly("ifood");
    }

    @Test
    void aDisabledEndpointIsNoChannel() {
        endpoints.upsert(new MarketplaceEndpoint(tenant, "ifood", "https://ifood.example/orders", null, false));
        endpoints.upsert(new MarketplaceEndpoint(tenant, "rappi", "https://rappi.example/orders", null, true));

        assertThat(channels.enabled(tenant)).containsExactly("rappi");
    }

    /** The application clock, moved by the test. */
    private final class MovableClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
