package dev.comanda.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a measured step sustained the rate it offered. A step is judged on its steady window (the
 * arrival window after its first quarter, when the queue in front of the stack has had time to fill to
 * its steady depth) from once-a-second samples of three counters: orders started, orders settled
 * (seen CONFIRMED or later, or REJECTED/CANCELLED: a declined card is an answer too) and orders in
 * flight. Rates and growth are least-squares slopes through the samples, so one GC pause at an edge of
 * the window does not decide the verdict.
 *
 * @param verdict the judgement
 * @param reasons why, one line each, in the words the report prints
 * @param offeredPerSecond the open loop's rate (0 for a closed loop)
 * @param startedPerSecond orders the generator actually started per second in the steady window
 * @param settledPerSecond orders settled per second in the steady window
 * @param inFlightGrowth how much the in-flight count grew over the steady window
 * @param allowedGrowth the most it may grow in a sustained step
 * @param windowSeconds length of the steady window the samples covered
 */
record StepVerdict(
        Verdict verdict,
        List<String> reasons,
        double offeredPerSecond,
        double startedPerSecond,
        double settledPerSecond,
        double inFlightGrowth,
        double allowedGrowth,
        double windowSeconds) {

    enum Verdict {
        /** The stack kept up with the offered rate: the step's throughput and latency are a result. */
        SUSTAINED,
        /** The stack fell behind: the step says so and gives no throughput; its latency is queueing. */
        OVER_CAPACITY,
        /** The step measured something other than its rate (a backlog, a lagging generator, no data). */
        INVALID;

        /** How the report prints it: {@code OVER CAPACITY}. */
        String label() {
            return name().replace('_', ' ');
        }
    }

    /**
     * A sustained step settles at least this share of what it offers. Below it the stack answered fewer
     * orders than were placed, by more than sampling noise over a short step (a 0.45 s stall in a 15 s
     * window costs 3 %), so a queue was growing or orders were failing.
     */
    static final double SUSTAINED_SHARE = 0.97;

    /**
     * The generator must itself start at least this share of the offered rate: if it did not, the step
     * did not offer its rate and says nothing about the stack.
     */
    static final double OFFERED_SHARE = 0.97;

    /**
     * In a sustained step the number of orders in flight stays level once the queue is at its steady
     * depth. It may grow by at most one second of arrivals ({@code IN_FLIGHT_SLACK_SECONDS} × rate) or
     * {@code IN_FLIGHT_SLACK_ORDERS}, whichever is more, over the steady window: more is a backlog that
     * a longer step would only make larger.
     */
    static final double IN_FLIGHT_SLACK_SECONDS = 1.0;

    static final double IN_FLIGHT_SLACK_ORDERS = 10;

    /** The steady window starts after this share of the step's arrival window. */
    static final double STEADY_FROM = 0.25;

    /** Fewer samples than this in the steady window is too short a step to judge. */
    static final int MIN_SAMPLES = 5;

    /** One sample of a step's counters, {@code seconds} after its first arrival. */
    record Sample(double seconds, long started, long settled, long inFlight) {}

    /**
     * What invalidates a step whatever its counters say.
     *
     * @param warmUpDrained the warm-up's orders had all settled before the step began
     * @param readModelFailure the follower's last polling error during the step, or null
     */
    record Conditions(boolean warmUpDrained, String readModelFailure) {
        static Conditions clean() {
            return new Conditions(true, null);
        }
    }

    /**
     * Judges an open-loop step that offered {@code offered} orders/s for {@code arrivalSeconds}, from
     * its once-a-second {@code samples}. A closed loop ({@code offered} 0) cannot be over capacity: its
     * rate is whatever the stack answered, so it is only checked for validity.
     */
    static StepVerdict judge(double offered, double arrivalSeconds, List<Sample> samples, Conditions conditions) {
        var steady = samples.stream()
                .filter(s -> s.seconds() >= STEADY_FROM * arrivalSeconds && s.seconds() <= arrivalSeconds)
                .toList();
        var window = steady.isEmpty()
                ? 0
                : steady.getLast().seconds() - steady.getFirst().seconds();
        var started = slope(steady, Sample::started);
        var settled = slope(steady, Sample::settled);
        var growth = slope(steady, Sample::inFlight) * window;
        var allowed = Math.max(IN_FLIGHT_SLACK_ORDERS, offered * IN_FLIGHT_SLACK_SECONDS);
        var invalid = new ArrayList<String>();
        if (!conditions.warmUpDrained()) {
            invalid.add("the warm-up's backlog had not drained when the step began");
        }
        if (conditions.readModelFailure() != null) {
            invalid.add("the read model could not be polled: " + conditions.readModelFailure());
        }
        if (steady.size() < MIN_SAMPLES) {
            invalid.add(String.format(
                    "too short to judge: %d samples in the steady window, %d needed", steady.size(), MIN_SAMPLES));
        } else if (offered > 0 && started < OFFERED_SHARE * offered) {
            invalid.add(
                    String.format("the generator started only %.1f orders/s of the %.1f offered", started, offered));
        }
        if (!invalid.isEmpty()) {
            return new StepVerdict(Verdict.INVALID, invalid, offered, started, settled, growth, allowed, window);
        }
        if (offered <= 0) {
            return new StepVerdict(
                    Verdict.SUSTAINED,
                    List.of("closed loop: the rate is what the stack answered"),
                    offered,
                    started,
                    settled,
                    growth,
                    allowed,
                    window);
        }
        var shortfalls = new ArrayList<String>();
        if (settled < SUSTAINED_SHARE * offered) {
            shortfalls.add(String.format(
                    "settled %.0f %% of the offered rate (at least %.0f %% needed)",
                    100 * settled / offered, 100 * SUSTAINED_SHARE));
        }
        if (growth > allowed) {
            shortfalls.add(String.format(
                    "orders in flight grew by %.0f over %.0f s (at most %.0f allowed)", growth, window, allowed));
        }
        if (shortfalls.isEmpty()) {
            return new StepVerdict(
                    Verdict.SUSTAINED,
                    List.of(String.format(
                            "settled %.0f %% of the offered rate; in flight level (%+.0f, at most %.0f)",
                            100 * settled / offered, growth, allowed)),
                    offered,
                    started,
                    settled,
                    growth,
                    allowed,
                    window);
        }
        return new StepVerdict(Verdict.OVER_CAPACITY, shortfalls, offered, started, settled, growth, allowed, window);
    }

    /** Least-squares slope of a counter against time; 0 for fewer than two samples. */
    static double slope(List<Sample> samples, java.util.function.ToLongFunction<Sample> counter) {
        if (samples.size() < 2) {
            return 0;
        }
        var meanT = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
        var meanY = samples.stream().mapToLong(counter).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (var s : samples) {
            var dt = s.seconds() - meanT;
            covariance += dt * (counter.applyAsLong(s) - meanY);
            variance += dt * dt;
        }
        return variance > 0 ? covariance / variance : 0;
    }
}
