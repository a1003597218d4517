package dev.comanda.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.api.error.Overloaded;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ObservabilityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Each restaurant's share of an instance's orders in flight: one restaurant's rush leaves room for the others. */
class AdmissionShareTests {

    private static final int INSTANCE = 4;
    private static final int SHARE = 2;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Admission admission = new Admission(
            new AdmissionProperties(true, INSTANCE, SHARE, Duration.ofHours(1), Duration.ofSeconds(2)),
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
}
