package dev.comanda.reconciliation;

import java.time.Duration;

/**
 * What one reconciliation run looks at, passed by the schedule as the workflow's input so a change of
 * configuration reaches the next run when the workers update the schedule.
 *
 * @param grace how long a row must be left alone before it is suspected: a workflow mid-step is never
 *     mistaken for a lost one
 * @param lookback how far back charges, reservations and running workflows are compared
 * @param placementLookback how far back placements without an order row are looked for
 * @param failedHold how long an order whose workflow FAILED is left for ops to reset before it is ended
 * @param batchSize the most suspects of each kind one run takes; a full batch continues as new
 * @param parallelism repairs in flight at once
 * @param stuck how long an order may sit at one step before it counts as stuck
 */
public record ReconciliationPolicy(
        Duration grace,
        Duration lookback,
        Duration placementLookback,
        Duration failedHold,
        int batchSize,
        int parallelism,
        StuckThresholds stuck) {

    public ReconciliationPolicy {
        if (grace == null
                || grace.isNegative()
                || lookback == null
                || lookback.compareTo(grace) <= 0
                || placementLookback == null
                || placementLookback.compareTo(grace) <= 0
                || failedHold == null
                || failedHold.isNegative()
                || batchSize < 1
                || parallelism < 1
                || stuck == null) {
            throw new IllegalArgumentException("invalid reconciliation policy");
        }
    }

    /**
     * @param notAccepted CONFIRMED for longer than this: the restaurant has not accepted it
     * @param preparing ACCEPTED or PREPARING for longer than this
     * @param pixPending PENDING with a PIX charge for longer than this
     */
    public record StuckThresholds(Duration notAccepted, Duration preparing, Duration pixPending) {}
}
