package dev.comanda.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the REST API; each has an environment override (see the README's configuration table).
 *
 * @param maxPerPage the largest page a list returns
 * @param defaultPerPage the page size of a list whose request names none
 * @param idempotencyTtl how long the first response to an Idempotency-Key is replayed
 * @param rateLimit requests a token may make per period
 * @param operatorKey the shared secret of the operator endpoints (tenants and tokens); blank disables them
 * @param reservationTtl stock reservation TTL given to new orders (also the PIX payment window)
 * @param acceptDeadline how long a restaurant has to accept a confirmed order
 * @param redisPrefix prefix of the API's Redis keys (rate limits, replayed responses)
 * @param tokenCacheTtl how long an instance trusts a token it has authenticated before asking MySQL again;
 *     a revoked token stops working within this time; zero checks MySQL on every request
 * @param queryTimeout how long a read waits for a workflow's live state before answering from the read
 *     model (no worker may be polling while workers restart)
 * @param temporalUiUrl Temporal UI's base URL; when set, every order links to its workflow's page there
 * @param temporalNamespace the namespace of the order workflows, for those links
 * @param temporalTimeout how long a call to Temporal (start, signal, describe, history) may take, retries
 *     included, before the request answers 503: an unreachable Temporal fails fast instead of hanging
 * @param marketplaceChannelsTtl how long an instance keeps a tenant's enabled marketplaces for new orders
 *     before asking MySQL again (its own changes evict at once; zero asks on every placement)
 * @param placementWait how long {@code POST /orders} waits for the order's outcome (CONFIRMED, REJECTED, or a
 *     PIX code to pay) before it answers PENDING; zero answers PENDING at once, without the outcome update
 * @param updateTimeout how long a kitchen move or cancellation waits for the workflow to apply it before
 *     answering 503 (Temporal out of reach, or no worker runs the workflow)
 * @param requestBudget the most a request may have taken when it waits on Temporal: each call to Temporal is
 *     bounded by its own setting and by what is left of this, so a request that already waited on the database
 *     or Redis does not wait a whole bound more ({@code RequestDeadline}); keep it below the time clients wait
 *     for an answer (15 s is common)
 */
@ConfigurationProperties("comanda.api")
public record ApiProperties(
        @DefaultValue("100") int maxPerPage,
        @DefaultValue("20") int defaultPerPage,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("") String operatorKey,
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("10m") Duration acceptDeadline,
        @DefaultValue("comanda:") String redisPrefix,
        @DefaultValue("3s") Duration queryTimeout,
        @DefaultValue("10s") Duration tokenCacheTtl,
        @DefaultValue("") String temporalUiUrl,
        @DefaultValue("default") String temporalNamespace,
        @DefaultValue("2s") Duration temporalTimeout,
        @DefaultValue("10s") Duration updateTimeout,
        @DefaultValue("10s") Duration marketplaceChannelsTtl,
        @DefaultValue("2s") Duration placementWait,
        @DefaultValue("12s") Duration requestBudget) {

    /**
     * @param requests requests one token may make per period; past them it is answered 429 with Retry-After
     * @param period the window the requests are counted in
     */
    public record RateLimit(
            @DefaultValue("50") long requests,
            @DefaultValue("1s") Duration period) {}
}
