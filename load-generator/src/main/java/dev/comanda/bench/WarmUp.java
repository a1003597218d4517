package dev.comanda.bench;

/**
 * The warm-up before a measured step: arrivals ramp linearly from a low rate up to the step's rate over
 * the ramp, so cold JVMs are not buried under the full rate before the JIT has compiled anything; then
 * no more arrivals until every warm-up order has settled. It ends {@link State#DRAINED} when nothing is
 * left in flight, or {@link State#UNDRAINED} when the drain bound passes first or an order had to be
 * given up: a step measured after that would measure the warm-up's backlog, so it is marked invalid.
 * Fed with times and counts; it reads no clock itself.
 */
final class WarmUp {

    /** The ramp starts at this share of the step's rate... */
    static final double START_SHARE = 0.1;

    /** ...and never below one order per second. */
    static final double MIN_START_RATE = 1.0;

    enum State {
        RAMPING,
        DRAINING,
        DRAINED,
        UNDRAINED
    }

    private final double startRate;
    private final double endRate;
    private final double rampSeconds;
    private final double drainSeconds;
    private State state = State.RAMPING;
    private String why = "";

    /**
     * @param rate the measured step's rate, reached at the end of the ramp
     * @param rampSeconds how long arrivals ramp up
     * @param drainSeconds how long after the ramp the backlog may take to drain
     */
    WarmUp(double rate, double rampSeconds, double drainSeconds) {
        this.endRate = rate;
        this.startRate = Math.min(rate, Math.max(MIN_START_RATE, rate * START_SHARE));
        this.rampSeconds = rampSeconds;
        this.drainSeconds = drainSeconds;
    }

    /**
     * Seconds after the warm-up's start at which its {@code n}-th order (from 0) is due, or a negative
     * number when the ramp ends before it. The rate rises as {@code r(t) = a + b t}, so {@code n} orders
     * are due by the time {@code t} with {@code a t + b t² / 2 = n}.
     */
    double dueSeconds(long n) {
        var a = startRate;
        var b = rampSeconds > 0 ? (endRate - startRate) / rampSeconds : 0;
        var t = b == 0 ? n / a : (-a + Math.sqrt(a * a + 2 * b * n)) / b;
        return t < rampSeconds ? t : -1;
    }

    /** The arrival rate {@code seconds} into the ramp. */
    double rateAt(double seconds) {
        if (seconds >= rampSeconds) {
            return endRate;
        }
        return startRate + (endRate - startRate) * Math.max(0, seconds) / rampSeconds;
    }

    /**
     * Moves the warm-up on, given the time since it started, the orders still in flight and the orders
     * given up (followed to their deadline without settling); answers the state it is in now. Once
     * DRAINED or UNDRAINED it stays there.
     */
    State observe(double seconds, long inFlight, long givenUp) {
        if (state == State.DRAINED || state == State.UNDRAINED) {
            return state;
        }
        if (givenUp > 0) {
            return finish(State.UNDRAINED, givenUp + " warm-up orders did not settle before the drain bound");
        }
        if (seconds < rampSeconds) {
            return state = State.RAMPING;
        }
        if (inFlight == 0) {
            return finish(State.DRAINED, String.format("drained %.1f s after the ramp", seconds - rampSeconds));
        }
        if (seconds >= rampSeconds + drainSeconds) {
            return finish(
                    State.UNDRAINED,
                    String.format("%d orders still in flight %.0f s after the ramp", inFlight, drainSeconds));
        }
        return state = State.DRAINING;
    }

    State state() {
        return state;
    }

    /** What the warm-up ended with, in the words the report prints; empty while it runs. */
    String outcome() {
        return why;
    }

    double startRate() {
        return startRate;
    }

    private State finish(State end, String reason) {
        why = reason;
        return state = end;
    }
}
