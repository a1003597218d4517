package dev.comanda.persistence.reconciliation;

import dev.comanda.reconciliation.ReconciliationPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comanda.reconciliation.*} (env {@code COMANDA_RECONCILIATION_*}): the schedule of the
 * reconciliation, what one run looks at, and when an order counts as stuck. The workers pass all but
 * the schedule's own settings to each run as its {@link ReconciliationPolicy}; the ops queue lists
 * stuck orders by the same thresholds.
 *
 * @param schedule whether the workers polling the reconciliation queue create or update the schedule
 * @param interval time between two runs
 * @param grace how long an order, charge or reservation is left alone before it is suspected
 * @param lookback how far back charges, reservations and running workflows are compared
 * @param placementLookback how far back placements without an order row are looked for
 * @param failedHold how long an order whose workflow FAILED waits for ops (a reset) before it is ended
 * @param batchSize the most suspects of each kind one run takes (a full batch continues as new)
 * @param parallelism repairs in flight at once
 * @param stuck how long an order may sit at one step
 * @param gaugeRefresh how long the reconciliation gauges reuse what they last read from the database
 */
@ConfigurationProperties("comanda.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean schedule,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("2m") Duration grace,
        @DefaultValue("2d") Duration lookback,
        @DefaultValue("1h") Duration placementLookback,
        @DefaultValue("1h") Duration failedHold,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10") int parallelism,
        @DefaultValue Stuck stuck,
        @DefaultValue("15s") Duration gaugeRefresh) {

    /**
     * @param notAccepted CONFIRMED and not yet accepted by the restaurant (the accept deadline cancels at 10m)
     * @param preparing ACCEPTED or PREPARING
     * @param pixPending PENDING waiting for a PIX payment
     */
    public record Stuck(
            @DefaultValue("8m") Duration notAccepted,
            @DefaultValue("45m") Duration preparing,
            @DefaultValue("15m") Duration pixPending) {}

    /** What each run is given as its input. */
    public ReconciliationPolicy policy() {
        return new ReconciliationPolicy(
                grace,
                lookback,
                placementLookback,
                failedHold,
                batchSize,
                parallelism,
                new ReconciliationPolicy.StuckThresholds(stuck.notAccepted(), stuck.preparing(), stuck.pixPending()));
    }
}
