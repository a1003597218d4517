package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class WarmUpTests {

    @Test
    void theRampStartsAtATenthOfTheRateAndEndsAtIt() {
        var warmUp = new WarmUp(80, 40, 60);

        assertThat(warmUp.rateAt(0)).isEqualTo(8);
        assertThat(warmUp.rateAt(20)).isEqualTo(44);
        assertThat(warmUp.rateAt(40)).isEqualTo(80);
    }

    @Test
    void theRampNeverStartsBelowOneOrderPerSecond() {
        assertThat(new WarmUp(5, 10, 60).startRate()).isEqualTo(1);
        assertThat(new WarmUp(0.5, 10, 60).startRate()).isEqualTo(0.5);
    }

    @Test
    void ordersAreDueAsTheRampedRateAccumulates() {
        var warmUp = new WarmUp(80, 40, 60);

        assertThat(warmUp.dueSeconds(0)).isZero();
        // 8 t + 0.9 t² orders by t: 520 by 20 s, 1,760 by the ramp's end.
        assertThat(warmUp.dueSeconds(520)).isCloseTo(20, offset(1e-9));
        assertThat(warmUp.dueSeconds(1759)).isLessThan(40);
        assertThat(warmUp.dueSeconds(1760)).isNegative();
    }

    @Test
    void aFlatRampIsEvenlySpaced() {
        var warmUp = new WarmUp(1, 10, 60);

        assertThat(warmUp.dueSeconds(3)).isEqualTo(3);
        assertThat(warmUp.dueSeconds(10)).isNegative();
    }

    @Test
    void itRampsThenDrainsThenEndsDrainedWhenNothingIsInFlight() {
        var warmUp = new WarmUp(40, 10, 60);

        assertThat(warmUp.observe(5, 30, 0)).isEqualTo(WarmUp.State.RAMPING);
        assertThat(warmUp.observe(12, 200, 0)).isEqualTo(WarmUp.State.DRAINING);
        assertThat(warmUp.observe(30, 0, 0)).isEqualTo(WarmUp.State.DRAINED);
        assertThat(warmUp.outcome()).isEqualTo("drained 20.0 s after the ramp");
    }

    @Test
    void nothingInFlightDuringTheRampDoesNotEndIt() {
        var warmUp = new WarmUp(40, 10, 60);

        assertThat(warmUp.observe(3, 0, 0)).isEqualTo(WarmUp.State.RAMPING);
    }

    @Test
    void aBacklogStillThereAtTheDrainBoundEndsUndrained() {
        var warmUp = new WarmUp(40, 10, 60);
        warmUp.observe(11, 500, 0);

        assertThat(warmUp.observe(70, 120, 0)).isEqualTo(WarmUp.State.UNDRAINED);
        assertThat(warmUp.outcome()).isEqualTo("120 orders still in flight 60 s after the ramp");
    }

    @Test
    void anOrderGivenUpEndsUndrainedEvenWithNothingLeftInFlight() {
        var warmUp = new WarmUp(40, 10, 60);

        assertThat(warmUp.observe(70, 0, 3)).isEqualTo(WarmUp.State.UNDRAINED);
    }

    @Test
    void theEndIsFinal() {
        var warmUp = new WarmUp(40, 10, 60);
        warmUp.observe(70, 5, 0);

        assertThat(warmUp.observe(80, 0, 0)).isEqualTo(WarmUp.State.UNDRAINED);
    }
}
