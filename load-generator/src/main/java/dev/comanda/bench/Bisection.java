package dev.comanda.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The search for the highest rate a stack sustains, between a low and a high rate: probe the low rate,
 * then the high one, then the middle of the bracket between the highest sustained rate and the lowest
 * rate not sustained above it, until the bracket is narrow. Stateless: the next probe follows from the
 * probes so far, so a driver (bench/run.sh) only has to keep the step reports. An INVALID probe counts as
 * not sustained: the search never reports a rate it did not see sustained.
 */
final class Bisection {

    /** Stop when the bracket is narrower than this share of its sustained end... */
    static final double RESOLUTION_SHARE = 0.1;

    /** ...or than this many orders/s, whichever is wider. */
    static final double MIN_RESOLUTION = 1.0;

    /** Never more probes than this, whatever the bracket. */
    static final int MAX_PROBES = 8;

    /** One probe's rate and how it was judged. */
    record Probe(double rate, StepVerdict.Verdict verdict) {
        boolean sustained() {
            return verdict == StepVerdict.Verdict.SUSTAINED;
        }
    }

    /** The highest sustained rate and the lowest unsustained one above it, where the probes found them. */
    record Bracket(OptionalDouble sustained, OptionalDouble unsustained) {}

    private Bisection() {}

    /** The next rate to probe, or empty when the search is over. Rates are whole orders per second. */
    static Optional<Double> next(double low, double high, List<Probe> probes) {
        if (probes.size() >= MAX_PROBES) {
            return Optional.empty();
        }
        if (probes.isEmpty()) {
            return Optional.of(low);
        }
        var bracket = bracket(probes);
        if (bracket.sustained().isEmpty()) {
            return Optional.empty(); // the low rate itself was not sustained: nothing below it to search
        }
        if (bracket.unsustained().isEmpty()) {
            return tried(probes, high) ? Optional.empty() : Optional.of(high);
        }
        var lo = bracket.sustained().getAsDouble();
        var hi = bracket.unsustained().getAsDouble();
        if (hi - lo <= Math.max(MIN_RESOLUTION, RESOLUTION_SHARE * lo)) {
            return Optional.empty();
        }
        var middle = (double) Math.round((lo + hi) / 2);
        return middle <= lo || middle >= hi || tried(probes, middle) ? Optional.empty() : Optional.of(middle);
    }

    /**
     * Where the probes put the ceiling: the lowest rate not sustained, and the highest sustained rate
     * below it. A sustained rate above an unsustained one (noise on a shared machine) is left out, so
     * the answer stays a rate that was sustained with nothing lower failing.
     */
    static Bracket bracket(List<Probe> probes) {
        var unsustained = probes.stream()
                .filter(p -> !p.sustained())
                .mapToDouble(Probe::rate)
                .min();
        var sustained = probes.stream()
                .filter(Probe::sustained)
                .mapToDouble(Probe::rate)
                .filter(rate -> unsustained.isEmpty() || rate < unsustained.getAsDouble())
                .max();
        return new Bracket(sustained, unsustained);
    }

    /** Half the maximum sustained rate, rounded to whole orders/s (at least 1), or empty without one. */
    static OptionalDouble half(List<Probe> probes) {
        var max = bracket(probes).sustained();
        return max.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(1, Math.round(max.getAsDouble() / 2)));
    }

    private static boolean tried(List<Probe> probes, double rate) {
        return probes.stream().anyMatch(p -> p.rate() == rate);
    }
}
