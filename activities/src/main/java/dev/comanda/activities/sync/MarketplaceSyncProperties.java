package dev.comanda.activities.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comanda.sync.*} (env {@code COMANDA_SYNC_*}): marketplace HTTP timeouts and the circuit
 * breaker every marketplace endpoint gets.
 */
@ConfigurationProperties("comanda.sync")
public record MarketplaceSyncProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize how many of the latest calls the rate is taken over
     * @param minimumNumberOfCalls calls needed before the rate counts at all
     * @param waitInOpenState how long an open breaker refuses calls before letting a few probe
     * @param permittedCallsInHalfOpenState probes that decide whether it closes again
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("60s") Duration waitInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState) {}
}
