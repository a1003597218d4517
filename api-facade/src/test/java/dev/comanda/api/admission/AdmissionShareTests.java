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
 * Each restaurant's share of an instance's orders in flight and of its rate: one restaurant's rush leaves room
 * for the others, and the limit they share follows the engine's answers.
 */
class AdmissionShareTests {

    private static final int INSTANCE = 4;
    private static final int SHARE = 2;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SimpleMeterRegistry adaptiveRegistry = new SimpleMeterRegistry();
    private final SimpleMeterRegistry pacedRegistry = new SimpleMeterRegistry();
    private final Admission admission = new Admission(
            new AdmissionProperties(true, INSTANCE, SHARE, 0, false, Duration.ofHours(1), Duration.ofSeconds(2)),
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

    @Test
    void aRestaurantPlacingFasterThanItsRateWhileAnotherPlacesIsAnswered429() {
        var clock = new AtomicLong();
        var paced = pacedAdmission(clock, 2);
        paced.admit("quiet", "q1", () -> false);
        paced.admit("flood", "f1", () -> false);
        paced.admit("flood", "f2", () -> false);

        assertThatThrownBy(() -> paced.admit("flood", "f3", () -> false))
                .isInstanceOfSatisfying(Overloaded.class, shed -> {
                    assertThat(shed.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(shed.reason()).isEqualTo(Admission.TENANT_ORDER_RATE);
                    assertThat(shed.retryAfterSeconds()).isEqualTo(1);
                    assertThat(shed.getMessage()).contains("more than 2 orders a second");
                });
        // The quiet restaurant is under its own rate; the flood gets one more each half second at 2 a second.
        paced.admit("quiet", "q2", () -> false);
        clock.addAndGet(Duration.ofMillis(500).toNanos());
        paced.admit("flood", "f3", () -> false);
        assertThatThrownBy(() -> paced.admit("flood", "f4", () -> false)).isInstanceOf(Overloaded.class);
        assertThat(paced.inFlight()).isEqualTo(5);
        assertThat(pacedRegistry
                        .get("comanda.api.admission.shed")
                        .tag("reason", "tenant_order_rate")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aRestaurantAloneIsNotHeldToTheRate() {
        var clock = new AtomicLong();
        var paced = pacedAdmission(clock, 2);

        for (var i = 0; i < 20; i++) {
            paced.admit("rush", "r" + i, () -> false);
        }

        assertThat(paced.inFlight()).isEqualTo(20);
    }

    @Test
    void aRestaurantThatStoppedPlacingHoldsNoOneToTheRateOnceItsWindowIsOver() {
        var clock = new AtomicLong();
        var paced = pacedAdmission(clock, 2);
        paced.admit("lunch", "l1", () -> false);
        clock.addAndGet(Admission.PLACING_WINDOW.minusMillis(1).toNanos());
        paced.admit("flood", "f1", () -> false);
        paced.admit("flood", "f2", () -> false);
        assertThatThrownBy(() -> paced.admit("flood", "f3", () -> false)).isInstanceOf(Overloaded.class);

        clock.addAndGet(Duration.ofMillis(1).toNanos());

        for (var i = 3; i < 10; i++) {
            paced.admit("flood", "f" + i, () -> false);
        }
        assertThat(paced.inFlight()).isEqualTo(10);
    }

    @Test
    void aRetryOfAnAcceptedOrderIsAnsweredEvenOverTheRate() {
        var clock = new AtomicLong();
        var paced = pacedAdmission(clock, 1);
        paced.admit("quiet", "q1", () -> false);
        paced.admit("flood", "f1", () -> false);

        paced.admit("flood", "f-accepted-before", () -> true);

        assertThat(paced.inFlight()).isEqualTo(2);
        assertThat(pacedRegistry
                        .find("comanda.api.admission.shed")
                        .tag("reason", "tenant_order_rate")
                        .counter()
                        .count())
                .isZero();
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

    /** Room for every order in flight, and a rate share of {@code rate} placements a second, on {@code clock}. */
    private Admission pacedAdmission(AtomicLong clock, double rate) {
        return new Admission(
                new AdmissionProperties(true, 256, 64, rate, false, Duration.ofHours(1), Duration.ofSeconds(1)),
                new ComandaMetrics(pacedRegistry, ObservabilityProperties.DEFAULTS),
                clock::get);
    }

    private Admission adaptiveAdmission(AtomicLong clock) {
        return new Admission(
                new AdmissionProperties(true, 256, 64, 0, true, Duration.ofHours(1), Duration.ofSeconds(1)),
                new ComandaMetrics(adaptiveRegistry, ObservabilityProperties.DEFAULTS),
                clock::get);
    }
}
