package dev.comanda.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The search for the highest rate a stack sustains, between a low and a high rate: probe the low rate,
 * then the high one, then the middle of the bracket between the highest sustained rate and the lowest
 * rate not sustained above it, until the bracket is narrow. Stateless: the next probe follows from the
 * probes so far, so a driver (bench/run.sh) only has to keep the step reports. An INVALID probe counts as
 * not sustained: the search never reports a rate it did not see sustained.
 *
 * <p>Before it ends, the search probes the lowest rate not sustained once more, on JVMs that have run every
 * step since: a step near the top on JVMs a few minutes old tips either way (two searches of one build
 * found 21 and 30 orders/s, decided by their third probe), and a rate is judged by its latest probe. Sustained
 * the second time, the bracket moves up and the search goes on above it; failed again, it is the ceiling.
 */
final class Bisection {

    /** Stop when the bracket is narrower than this share of its sustained end... */
    static final double RESOLUTION_SHARE = 0.1;

    /** ...or than this many orders/s, whichever is wider. */
    static final double MIN_RESOLUTION = 1.0;

    /** Never more probes than this, whatever the bracket. */
    static final int MAX_PROBES = 10;

    /** How many times the lowest rate not sustained is probed before the search takes it as the ceiling. */
    static final int CEILING_PROBES = 2;

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
            // The low rate itself was not sustained: nothing below it to search, once it failed twice.
            return confirmCeiling(probes, bracket.unsustained().getAsDouble());
        }
        if (bracket.unsustained().isEmpty()) {
            return tried(probes, high) ? Optional.empty() : Optional.of(high);
        }
        var lo = bracket.sustained().getAsDouble();
        var hi = bracket.unsustained().getAsDouble();
        var middle = (double) Math.round((lo + hi) / 2);
        if (hi - lo <= Math.max(MIN_RESOLUTION, RESOLUTION_SHARE * lo)
                || middle <= lo
                || middle >= hi
                || tried(probes, middle)) {
            return confirmCeiling(probes, hi);
        }
        return Optional.of(middle);
    }

    /** The ceiling once more if it has not had its {@link #CEILING_PROBES}; else the search is over. */
    private static Optional<Double> confirmCeiling(List<Probe> probes, double ceiling) {
        var times = probes.stream().filter(p -> p.rate() == ceiling).count();
        return times < CEILING_PROBES ? Optional.of(ceiling) : Optional.empty();
    }

    /**
     * Where the probes put the ceiling: the lowest rate not sustained, and the highest sustained rate
     * below it, each rate judged by its latest probe. A sustained rate above an unsustained one (noise on a
     * shared machine) is left out, so the answer stays a rate that was sustained with nothing lower failing.
     */
    static Bracket bracket(List<Probe> probes) {
        var latest = new LinkedHashMap<Double, Probe>();
        probes.forEach(p -> latest.put(p.rate(), p));
        var unsustained = latest.values().stream()
                .filter(p -> !p.sustained())
                .mapToDouble(Probe::rate)
                .min();
        var sustained = latest.values().stream()
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
