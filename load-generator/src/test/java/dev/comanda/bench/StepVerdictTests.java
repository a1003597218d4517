package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepVerdictTests {

    private static final double SECONDS = 20;

    /**
     * Once-a-second samples of a 20 s step offering {@code offered}/s, settling {@code settling}/s from
     * the second second on, with {@code steadyInFlight} orders in flight plus whatever was not settled.
     */
    private static List<StepVerdict.Sample> samples(double offered, double settling, long steadyInFlight) {
        var samples = new ArrayList<StepVerdict.Sample>();
        for (int t = 1; t <= SECONDS; t++) {
            var started = Math.round(offered * t);
            var settled = Math.round(settling * (t - 1));
            var inFlight = Math.max(steadyInFlight, started - settled);
            samples.add(new StepVerdict.Sample(t, started, started - inFlight, inFlight));
        }
        return samples;
    }

    @Test
    void aStepThatSettlesWhatItOffersIsSustained() {
        var verdict = StepVerdict.judge(40, SECONDS, samples(40, 40, 12), StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.SUSTAINED);
        assertThat(verdict.settledPerSecond()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void settlingBelowNinetySevenPercentOfTheOfferedRateIsOverCapacity() {
        var verdict = StepVerdict.judge(100, SECONDS, samples(100, 95, 0), StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.OVER_CAPACITY);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("settled 95 %"));
    }

    @Test
    void settlingAtNinetyEightPercentWithLevelInFlightIsSustained() {
        var samples = new ArrayList<StepVerdict.Sample>();
        // 2 % of placements fail (they end unsettled, so in flight stays level) and the rest settle.
        for (int t = 1; t <= SECONDS; t++) {
            samples.add(new StepVerdict.Sample(t, 50L * t, 49L * t, 30));
        }

        var verdict = StepVerdict.judge(50, SECONDS, samples, StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.SUSTAINED);
    }

    @Test
    void inFlightGrowingBeyondOneSecondOfArrivalsIsOverCapacityEvenWhenTheShareLooksFine() {
        var samples = new ArrayList<StepVerdict.Sample>();
        // A 300 s step that settles 98 % of 10/s: 0.2 more in flight every second, 45 over the window.
        for (int t = 1; t <= 300; t++) {
            samples.add(new StepVerdict.Sample(t, 10L * t, Math.round(9.8 * t), 5 + Math.round(0.2 * t)));
        }

        var verdict = StepVerdict.judge(10, 300, samples, StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.OVER_CAPACITY);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("in flight grew"));
        assertThat(verdict.allowedGrowth()).isEqualTo(StepVerdict.IN_FLIGHT_SLACK_ORDERS);
    }

    @Test
    void theFirstQuarterOfTheStepIsLeftOutWhileTheQueueFills() {
        var samples = new ArrayList<StepVerdict.Sample>();
        // Nothing settles in the first 4 s (cold caches), then everything does at the offered rate.
        for (int t = 1; t <= SECONDS; t++) {
            var started = 30L * t;
            var inFlight = t <= 4 ? started : 120;
            samples.add(new StepVerdict.Sample(t, started, started - inFlight, inFlight));
        }

        var verdict = StepVerdict.judge(30, SECONDS, samples, StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.SUSTAINED);
        assertThat(verdict.windowSeconds()).isEqualTo(15);
    }

    @Test
    void aWarmUpThatDidNotDrainMakesTheStepInvalidWhateverItsCounters() {
        var verdict = StepVerdict.judge(40, SECONDS, samples(40, 40, 12), new StepVerdict.Conditions(false, null));

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.INVALID);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("warm-up"));
    }

    @Test
    void aReadModelThatFailedMakesTheStepInvalid() {
        var verdict = StepVerdict.judge(40, SECONDS, samples(40, 40, 12), new StepVerdict.Conditions(true, "timeout"));

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.INVALID);
    }

    @Test
    void aGeneratorThatFellBehindItsScheduleMakesTheStepInvalid() {
        var verdict = StepVerdict.judge(100, SECONDS, samples(80, 80, 0), StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.INVALID);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("generator started only 80.0"));
    }

    @Test
    void tooFewSamplesInTheSteadyWindowIsInvalid() {
        var verdict = StepVerdict.judge(40, 4, samples(40, 40, 12).subList(0, 4), StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.INVALID);
        assertThat(verdict.reasons()).anyMatch(r -> r.contains("too short"));
    }

    @Test
    void aClosedLoopIsNeverOverCapacity() {
        var verdict = StepVerdict.judge(0, SECONDS, samples(25, 25, 32), StepVerdict.Conditions.clean());

        assertThat(verdict.verdict()).isEqualTo(StepVerdict.Verdict.SUSTAINED);
    }

    @Test
    void theSlopeIsTheLeastSquaresRateOfACounter() {
        var samples = List.of(
                new StepVerdict.Sample(0, 0, 0, 0),
                new StepVerdict.Sample(1, 10, 0, 0),
                new StepVerdict.Sample(2, 20, 0, 0),
                new StepVerdict.Sample(3, 30, 0, 0));

        assertThat(StepVerdict.slope(samples, StepVerdict.Sample::started)).isEqualTo(10);
    }
}
