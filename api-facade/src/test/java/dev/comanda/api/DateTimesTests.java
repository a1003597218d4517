package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 3339's date-time, as the document's {@code format: date-time} has it: what is one and what is not. */
class DateTimesTests {

    @Test
    void anOffsetIsAnyTheRfcAllowsEvenPastJavasEighteenHours() {
        assertThat(DateTimes.parse("2026-07-14T13:52:02.981481+18:53"))
                .isEqualTo(Instant.parse("2026-07-13T18:59:02.981481Z"));
        assertThat(DateTimes.parse("2026-01-02T10:00:00-23:59")).isEqualTo(Instant.parse("2026-01-03T09:59:00Z"));
        assertThat(DateTimes.parse("2026-01-02t10:00:00z")).isEqualTo(Instant.parse("2026-01-02T10:00:00Z"));
        assertThat(DateTimes.parse("2026-01-02T10:00:00.1234567891Z"))
                .isEqualTo(Instant.parse("2026-01-02T10:00:00.123456789Z"));
    }

    @Test
    void aLeapSecondEndsAUtcDay() {
        assertThat(DateTimes.parse("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(DateTimes.parse("2016-12-31T20:59:60-03:00")).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThatThrownBy(() -> DateTimes.parse("2016-12-31T22:59:60Z")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersDatesWithoutOffsetAndImpossibleDaysAreNoDateTimes() {
        for (var text : new String[] {
            "0",
            "1700000000",
            "2026-01-02",
            "2026-01-02T10:00:00",
            "2026-02-30T10:00:00Z",
            "2026-01-02T24:00:00Z",
            "2026-01-02T10:00:00+24:00",
            "2026-01-02T10:00:00+05:60",
            "2026-01-02 10:00:00Z",
            "２026-01-02T10:00:00Z"
        }) {
            assertThatThrownBy(() -> DateTimes.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
