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
    void aLowRateNotSustainedEndsTheSearchWithNoMaximum() {
        var probes = List.of(probe(10, OVER_CAPACITY));

        assertThat(Bisection.next(10, 120, probes)).isEmpty();
        assertThat(Bisection.bracket(probes).sustained()).isEmpty();
        assertThat(Bisection.half(probes)).isEmpty();
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
