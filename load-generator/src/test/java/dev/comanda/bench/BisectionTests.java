package dev.comanda.bench;

import static dev.comanda.bench.StepVerdict.Verdict.INVALID;
import static dev.comanda.bench.StepVerdict.Verdict.OVER_CAPACITY;
import static dev.comanda.bench.StepVerdict.Verdict.SUSTAINED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectionTests {

    private static Bisection.Probe probe(double rate, StepVerdict.Verdict verdict) {
        return new Bisection.Probe(rate, verdict);
    }

    /** Runs the search against a stack that sustains every rate up to {@code ceiling}. */
    private static List<Bisection.Probe> search(double low, double high, double ceiling) {
        var probes = new ArrayList<Bisection.Probe>();
        for (var next = Bisection.next(low, high, probes); next.isPresent(); next = Bisection.next(low, high, probes)) {
            probes.add(probe(next.get(), next.get() <= ceiling ? SUSTAINED : OVER_CAPACITY));
        }
        return probes;
    }

    @Test
    void theLowRateIsProbedFirstThenTheHighOne() {
        assertThat(Bisection.next(10, 120, List.of())).contains(10.0);
        assertThat(Bisection.next(10, 120, List.of(probe(10, SUSTAINED)))).contains(120.0);
    }

    @Test
    void itProbesTheMiddleOfTheBracket() {
        assertThat(Bisection.next(10, 120, List.of(probe(10, SUSTAINED), probe(120, OVER_CAPACITY))))
                .contains(65.0);
    }

    @Test
    void theSearchNarrowsToWithinTenPercentOfTheCeiling() {
        var probes = search(10, 120, 47);
        var bracket = Bisection.bracket(probes);

        assertThat(bracket.sustained().getAsDouble()).isLessThanOrEqualTo(47);
        assertThat(bracket.unsustained().getAsDouble()).isGreaterThan(47);
        assertThat(bracket.unsustained().getAsDouble() - bracket.sustained().getAsDouble())
                .isLessThanOrEqualTo(
                        Bisection.RESOLUTION_SHARE * bracket.sustained().getAsDouble());
        assertThat(probes).hasSizeLessThanOrEqualTo(Bisection.MAX_PROBES);
    }

    @Test
    void aLowRateNotSustainedTwiceEndsTheSearchWithNoMaximum() {
        var once = List.of(probe(10, OVER_CAPACITY));
        var twice = List.of(probe(10, OVER_CAPACITY), probe(10, OVER_CAPACITY));

        assertThat(Bisection.next(10, 120, once)).contains(10.0);
        assertThat(Bisection.next(10, 120, twice)).isEmpty();
        assertThat(Bisection.bracket(twice).sustained()).isEmpty();
        assertThat(Bisection.half(twice)).isEmpty();
    }

    /** The searches of 2026-12-07 16:31 and 16:42: the third probe failed on young JVMs, the rest found 21. */
    private static final List<Bisection.Probe> CEILING_FAILED_ONCE = List.of(
            probe(5, SUSTAINED),
            probe(40, OVER_CAPACITY),
            probe(23, OVER_CAPACITY),
            probe(14, SUSTAINED),
            probe(19, SUSTAINED),
            probe(21, SUSTAINED));

    @Test
    void theCeilingIsProbedOnceMoreBeforeTheSearchEnds() {
        assertThat(Bisection.next(5, 40, CEILING_FAILED_ONCE)).contains(23.0);
    }

    @Test
    void aCeilingSustainedTheSecondTimeMovesTheBracketUpAndTheSearchGoesOn() {
        var probes = new ArrayList<>(CEILING_FAILED_ONCE);
        probes.add(probe(23, SUSTAINED));

        var bracket = Bisection.bracket(probes);
        assertThat(bracket.sustained()).hasValue(23);
        assertThat(bracket.unsustained()).hasValue(40);
        assertThat(Bisection.next(5, 40, probes)).contains(32.0);
    }

    @Test
    void aCeilingThatFailsTwiceEndsTheSearch() {
        var probes = new ArrayList<>(CEILING_FAILED_ONCE);
        probes.add(probe(23, OVER_CAPACITY));

        var bracket = Bisection.bracket(probes);
        assertThat(bracket.sustained()).hasValue(21);
        assertThat(bracket.unsustained()).hasValue(23);
        assertThat(Bisection.next(5, 40, probes)).isEmpty();
    }

    @Test
    void aStackThatTipsOnceStillFindsItsCeiling() {
        // Fails its first probe at 23 (young JVMs), sustains everything up to 30 after that.
        var probes = new ArrayList<Bisection.Probe>();
        var tipped = false;
        for (var next = Bisection.next(5, 40, probes); next.isPresent(); next = Bisection.next(5, 40, probes)) {
            var rate = next.get();
            var sustained = rate <= 30 && !(rate == 23 && !tipped);
            tipped |= rate == 23;
            probes.add(probe(rate, sustained ? SUSTAINED : OVER_CAPACITY));
        }

        assertThat(Bisection.bracket(probes).sustained().getAsDouble()).isGreaterThanOrEqualTo(28);
        assertThat(Bisection.bracket(probes).unsustained().getAsDouble()).isGreaterThan(30);
        assertThat(probes).hasSizeLessThanOrEqualTo(Bisection.MAX_PROBES);
    }

    @Test
    void aHighRateSustainedEndsTheSearchAtIt() {
        var probes = List.of(probe(10, SUSTAINED), probe(120, SUSTAINED));

        assertThat(Bisection.next(10, 120, probes)).isEmpty();
        assertThat(Bisection.bracket(probes).sustained()).hasValue(120);
    }

    @Test
    void anInvalidProbeCountsAsNotSustained() {
        var probes = List.of(probe(10, SUSTAINED), probe(120, OVER_CAPACITY), probe(65, INVALID));

        assertThat(Bisection.bracket(probes).unsustained()).hasValue(65);
        assertThat(Bisection.next(10, 120, probes)).contains(38.0);
    }

    @Test
    void aSustainedRateAboveAFailedOneIsNotTheMaximum() {
        var probes = List.of(
                probe(10, SUSTAINED), probe(120, OVER_CAPACITY), probe(30, OVER_CAPACITY), probe(65, SUSTAINED));

        assertThat(Bisection.bracket(probes).sustained()).hasValue(10);
    }

    @Test
    void theSearchStopsAtMaxProbes() {
        var probes = new ArrayList<Bisection.Probe>();
        for (int i = 0; i < Bisection.MAX_PROBES; i++) {
            probes.add(probe(1000 + i, SUSTAINED));
        }

        assertThat(Bisection.next(1, 100_000, probes)).isEmpty();
    }

    @Test
    void halfIsHalfTheMaximumSustainedRateInWholeOrders() {
        var probes = List.of(probe(5, SUSTAINED), probe(40, OVER_CAPACITY), probe(23, SUSTAINED));

        assertThat(Bisection.half(probes)).hasValue(12);
    }
}
