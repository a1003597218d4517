package dev.comanda.api.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of placements ({@code POST /orders}): how many orders one api-facade instance lets
 * be on their way to their first answer (CONFIRMED, REJECTED, CANCELLED, or a PIX charge waiting for
 * its customer) before it sheds new ones with 503. Above the rate the workers and Temporal sustain, a
 * placement that is accepted anyway only joins a backlog whose latency grows without bound; the limit
 * caps that latency at roughly {@code maxInFlight / sustained rate}. Size it as the instance's share of
 * the sustained rate times the to-CONFIRMED latency a client will wait (docs/benchmarks-log.md, "Admission
 * control"). Each value has an environment override ({@code COMANDA_API_ADMISSION_*}, docs/configuration.md).
 *
 * @param enabled whether placements are counted and shed at all
 * @param maxInFlight orders this instance has acknowledged (or is placing) and not yet seen answered, at
 *     most: past it every placement answers 503
 * @param maxInFlightPerTenant of those, how many one restaurant may hold at most: past it, or past its fair
 *     share of the instance's limit (the limit over the restaurants holding orders in flight), its
 *     placements answer 429 while other restaurants' still go through
 * @param maxRatePerTenant the orders per second one restaurant may place on this instance while another
 *     restaurant places too (a token bucket holding a second's worth): past it its placements answer 429
 *     {@code tenant_order_rate}. A count of orders in flight does not bound a rate (orders in flight ÷ time to
 *     their answer): a restaurant with 8 in flight on an engine answering in 0.15 s places 50 a second, enough
 *     to take the cores every other restaurant's orders need. A restaurant alone is not held to it. Size it at
 *     a third of the rate the instance sustains, or less; 0 turns it off
 * @param adaptive whether the instance's limit follows the latency of the answers (it grows while recent
 *     answers come as fast as the long-run average and shrinks when they queue), which keeps the engine
 *     out of saturation, so the shares stay short, at the price of turning a rush away sooner (its clients
 *     retry); false (the default) fixes it at {@code maxInFlight}
 * @param inFlightTimeout how long an order counts as in flight at most: a slot whose order's answer was
 *     never heard of (a lost Redis publish) is given back after this long
 * @param retryAfter what a shed placement's {@code Retry-After} asks the client to wait (whole seconds, at least 1)
 */
@ConfigurationProperties("comanda.api.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("64") int maxInFlightPerTenant,
        @DefaultValue("5") double maxRatePerTenant,
        @DefaultValue("false") boolean adaptive,
        @DefaultValue("30s") Duration inFlightTimeout,
        @DefaultValue("1s") Duration retryAfter) {

    public AdmissionProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("comanda.api.admission.max-in-flight must be at least 1");
        }
        if (maxInFlightPerTenant < 1) {
            throw new IllegalArgumentException("comanda.api.admission.max-in-flight-per-tenant must be at least 1");
        }
        if (maxRatePerTenant < 0 || Double.isNaN(maxRatePerTenant)) {
            throw new IllegalArgumentException(
                    "comanda.api.admission.max-rate-per-tenant must be 0 (off) or a positive rate");
        }
        if (inFlightTimeout.isNegative() || inFlightTimeout.isZero()) {
            throw new IllegalArgumentException("comanda.api.admission.in-flight-timeout must be positive");
        }
    }

    /** {@link #retryAfter} as the header's whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
