package dev.comanda.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.api.error.Overloaded;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ObservabilityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Each restaurant's share of an instance's orders in flight: one restaurant's rush leaves room for the others,
 * and the limit they share follows the engine's answers.
 */
class AdmissionShareTests {

    private static final int INSTANCE = 4;
    private static final int SHARE = 2;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SimpleMeterRegistry adaptiveRegistry = new SimpleMeterRegistry();
    private final Admission admission = new Admission(
            new AdmissionProperties(true, INSTANCE, SHARE, false, Duration.ofHours(1), Duration.ofSeconds(2)),
            new ComandaMetrics(registry, ObservabilityProperties.DEFAULTS));

    @Test
    void aRestaurantOverItsShareIsAnswered429WhileAnotherStillGetsIn() {
        admission.admit("busy", "o1", () -> false);
        admission.admit("busy", "o2", () -> false);

        assertThatThrownBy(() -> admission.admit("busy", "o3", () -> false))
                .isInstanceOfSatisfying(Overloaded.class, shed -> {
                    assertThat(shed.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(shed.reason()).isEqualTo(Admission.TENANT_ORDERS_IN_FLIGHT);
                    assertThat(shed.retryAfterSeconds()).isEqualTo(2);
                });
        admission.admit("quiet", "q1", () -> false);
        assertThat(admission.inFlight()).isEqualTo(3);
        assertThat(registry.get("comanda.api.admission.shed")
                        .tag("reason", "tenant_orders_in_flight")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAnsweredOrderGivesItsRestaurantItsSlotBack() {
        admission.admit("busy", "o1", () -> false);
        admission.admit("busy", "o2", () -> false);

        admission.release("o1");

        admission.admit("busy", "o3", () -> false);
        assertThat(admission.inFlight()).isEqualTo(2);
    }

    @Test
    void aFullInstanceSheds503EvenARestaurantUnderItsShare() {
        admission.admit("a", "a1", () -> false);
        admission.admit("a", "a2", () -> false);
        admission.admit("b", "b1", () -> false);
        admission.admit("b", "b2", () -> false);

        assertThatThrownBy(() -> admission.admit("c", "c1", () -> false))
                .isInstanceOfSatisfying(Overloaded.class, shed -> {
                    assertThat(shed.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(shed.reason()).isEqualTo(Admission.ORDERS_IN_FLIGHT);
                });
        // The refused placement holds nothing of c's share: c gets both its slots once room is made.
        admission.release("a1");
        admission.release("a2");
        admission.admit("c", "c1", () -> false);
        admission.admit("c", "c2", () -> false);
        assertThat(admission.inFlight()).isEqualTo(4);
    }

    @Test
    void aRetryOfAnAcceptedOrderIsAnsweredEvenOverTheShare() {
        admission.admit("busy", "o1", () -> false);
        admission.admit("busy", "o2", () -> false);

        admission.admit("busy", "o-accepted-before", () -> true);

        assertThat(admission.inFlight()).isEqualTo(2);
    }

    @Test
    void aQuietRestaurantGetsInWhileAFloodHoldsTheWholeAdaptiveLimit() {
        var adaptive = adaptiveAdmission(new AtomicLong());
        var limit = adaptive.limit();
        for (var i = 0; i < limit; i++) {
            adaptive.admit("flood", "f" + i, () -> false);
        }
        // Alone, the flood's share is the whole limit: the instance is full.
        assertThatThrownBy(() -> adaptive.admit("flood", "f-over", () -> false))
                .isInstanceOfSatisfying(
                        Overloaded.class, shed -> assertThat(shed.reason()).isEqualTo(Admission.ORDERS_IN_FLIGHT));

        adaptive.admit("quiet", "q1", () -> false);

        // Two restaurants share the limit now: the flood gets in again only once it is under half of it.
        for (var i = 0; i <= limit / 2; i++) {
            assertThatThrownBy(() -> adaptive.admit("flood", "f-more", () -> false))
                    .isInstanceOfSatisfying(
                            Overloaded.class,
                            shed -> assertThat(shed.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
            adaptive.withdraw("f" + i);
        }
        adaptive.admit("flood", "f-more", () -> false);
        assertThat(adaptive.inFlight()).isEqualTo(limit - (limit / 2 + 1) + 2);
    }

    @Test
    void theAdaptiveLimitShrinksWhenAnswersStartToQueueAndGrowsWhenTheyComeFastAgain() {
        var clock = new AtomicLong();
        var adaptive = adaptiveAdmission(clock);

        answerRounds(adaptive, clock, 30, Duration.ofMillis(150));
        var fast = adaptive.limit();
        answerRounds(adaptive, clock, 1, Duration.ofMillis(1500));
        var queued = adaptive.limit();
        answerRounds(adaptive, clock, 30, Duration.ofMillis(150));

        assertThat(queued).isLessThan(fast).isGreaterThanOrEqualTo(8);
        assertThat(adaptive.limit()).isGreaterThan(queued);
        assertThat(adaptiveRegistry.get("comanda.api.admission.limit").gauge().value())
                .isEqualTo(adaptive.limit());
    }

    @Test
    void aFailedPlacementGivesItsSlotBackWithoutTeachingTheLimit() {
        var clock = new AtomicLong();
        var adaptive = adaptiveAdmission(clock);
        var start = adaptive.limit();
        for (var i = 0; i < start; i++) {
            adaptive.admit("a", "a" + i, () -> false);
        }
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        for (var i = 0; i < start; i++) {
            adaptive.withdraw("a" + i);
        }

        assertThat(adaptive.inFlight()).isZero();
        assertThat(adaptive.limit()).isEqualTo(start);
    }

    /** Rounds of as many orders as the limit allows, all answered after {@code answerTime}. */
    private static void answerRounds(Admission admission, AtomicLong clock, int rounds, Duration answerTime) {
        for (var round = 0; round < rounds; round++) {
            var orders = admission.limit();
            for (var i = 0; i < orders; i++) {
                admission.admit("t" + (i % 8), "r" + round + "-" + i, () -> false);
            }
            clock.addAndGet(answerTime.toNanos());
            for (var i = 0; i < orders; i++) {
                admission.release("r" + round + "-" + i);
            }
        }
    }

    private Admission adaptiveAdmission(AtomicLong clock) {
        return new Admission(
                new AdmissionProperties(true, 256, 64, true, Duration.ofHours(1), Duration.ofSeconds(1)),
                new ComandaMetrics(adaptiveRegistry, ObservabilityProperties.DEFAULTS),
                clock::get);
    }
}
