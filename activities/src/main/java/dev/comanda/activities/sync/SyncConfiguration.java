package dev.comanda.activities.sync;

import dev.comanda.observability.ComandaMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The circuit breakers of marketplace pushes, one per tenant endpoint, all with the configured shape. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketplaceSyncProperties.class)
class SyncConfiguration {

    @Bean
    CircuitBreakerRegistry marketplaceCircuitBreakers(MarketplaceSyncProperties properties, ComandaMetrics metrics) {
        return circuitBreakers(properties.circuitBreaker(), metrics);
    }

    static CircuitBreakerRegistry circuitBreakers(
            MarketplaceSyncProperties.CircuitBreaker settings, ComandaMetrics metrics) {
        var registry = circuitBreakers(settings);
        registry.getEventPublisher().onEntryAdded(added -> watch(registry, metrics, added.getAddedEntry()));
        return registry;
    }

    /**
     * Gauges of the breakers of the new breaker's channel by state, summed over tenants: an open one is
     * what the alert looks for, and the tenant is in the logs, not in a label.
     */
    private static void watch(CircuitBreakerRegistry registry, ComandaMetrics metrics, CircuitBreaker added) {
        var label = metrics.channelLabel(channelOf(added));
        metrics.watchCircuitBreakers(
                channelOf(added),
                state -> registry.getAllCircuitBreakers().stream()
                        .filter(b -> b.getState().name().equals(state.name()))
                        .filter(b -> metrics.channelLabel(channelOf(b)).equals(label))
                        .count());
    }

    /** Breakers are named {@code <tenant>/<channel>} by {@code ExternalSyncActivitiesImpl}. */
    private static String channelOf(CircuitBreaker breaker) {
        var name = breaker.getName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    static CircuitBreakerRegistry circuitBreakers(MarketplaceSyncProperties.CircuitBreaker settings) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .build());
    }
}
