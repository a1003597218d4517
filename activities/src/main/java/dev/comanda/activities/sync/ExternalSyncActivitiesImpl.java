package dev.comanda.activities.sync;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.SyncFailure;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.sync.SyncLogRepository;
import dev.comanda.persistence.sync.SyncLogRepository.Status;
import dev.comanda.sync.ExternalSyncActivities;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a confirmed order to one marketplace through that endpoint's circuit breaker, logging every
 * attempt. Failures are retryable: the workflow's long retry policy tries again later, and while the
 * breaker is open the attempt fails at once (logged CIRCUIT_OPEN) and asks Temporal to wait out the
 * open state before the next one. A SYNCED log row answers a repeat without pushing again.
 *
 * <p>Breakers are per tenant and channel, not per channel alone: each tenant has its own endpoint
 * URL, so one tenant's broken endpoint must not stop every other tenant's pushes to that marketplace.
 */
@Component
class ExternalSyncActivitiesImpl implements ExternalSyncActivities {

    /** Retryable: the marketplace failed or its breaker is open. */
    static final String MARKETPLACE_UNAVAILABLE = "MarketplaceUnavailable";
    /** Non-retryable: the tenant has no enabled endpoint for the channel any more. */
    static final String MARKETPLACE_NOT_CONFIGURED = "MarketplaceNotConfigured";

    private final MarketplaceEndpointRepository endpoints;
    private final SyncLogRepository syncLog;
    private final MarketplaceClient marketplaces;
    private final CircuitBreakerRegistry breakers;
    private final MarketplaceSyncProperties properties;
    private final JsonMapper json;
    private final ComandaMetrics metrics;

    ExternalSyncActivitiesImpl(
            MarketplaceEndpointRepository endpoints,
            SyncLogRepository syncLog,
            MarketplaceClient marketplaces,
            CircuitBreakerRegistry marketplaceCircuitBreakers,
            MarketplaceSyncProperties properties,
            JsonMapper json,
            ComandaMetrics metrics) {
        this.endpoints = endpoints;
        this.syncLog = syncLog;
        this.marketplaces = marketplaces;
        this.breakers = marketplaceCircuitBreakers;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public Pushed push(Push push) {
        var order = push.order();
        var channel = push.channel();
        var synced = syncLog.find(order.orderId(), channel).filter(log -> log.status() == Status.SYNCED);
        if (synced.isPresent()) {
            return new Pushed(channel, synced.get().externalId());
        }
        syncLog.startAttempt(order.tenantId(), order.orderId(), channel);
        var endpoint = endpoints.find(order.tenantId(), channel).filter(MarketplaceEndpoint::enabled);
        if (endpoint.isEmpty()) {
            var why = "tenant " + order.tenantId() + " has no enabled endpoint for " + channel;
            syncLog.markFailed(order.orderId(), channel, Status.FAILED, why);
            metrics.marketplaceSyncFailed(channel, SyncFailure.NOT_CONFIGURED);
            throw ApplicationFailure.newNonRetryableFailure(why, MARKETPLACE_NOT_CONFIGURED);
        }
        var breaker = breakers.circuitBreaker(order.tenantId() + '/' + channel);
        var body = json.writeValueAsString(order);
        String externalId;
        try {
            externalId = breaker.executeCallable(() -> marketplaces.push(endpoint.get(), push.idempotencyKey(), body));
        } catch (CallNotPermittedException e) {
            syncLog.markFailed(order.orderId(), channel, Status.CIRCUIT_OPEN, e.getMessage());
            metrics.marketplaceSyncFailed(channel, SyncFailure.CIRCUIT_OPEN);
            throw ApplicationFailure.newFailureWithCauseAndDelay(
                    "marketplace " + channel + " circuit open: " + e.getMessage(),
                    MARKETPLACE_UNAVAILABLE,
                    e,
                    properties.circuitBreaker().waitInOpenState());
        } catch (Exception e) {
            syncLog.markFailed(order.orderId(), channel, Status.FAILED, e.toString());
            metrics.marketplaceSyncFailed(channel, SyncFailure.ERROR);
            throw ApplicationFailure.newFailureWithCause(
                    "push to marketplace " + channel + " failed: " + e.getMessage(), MARKETPLACE_UNAVAILABLE, e);
        }
        syncLog.markSynced(order.orderId(), channel, externalId);
        return new Pushed(channel, externalId);
    }
}
