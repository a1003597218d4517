package dev.comanda.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.api.error.ApiException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Bounded calls to Temporal, and the request budget they take their bounds from. */
class TemporalCallsTests {

    private final TemporalCalls calls = new TemporalCalls();
    /** What a stalled Temporal never does: answer. Released after each test. */
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        calls.stop();
    }

    @Test
    void outsideARequestACallHasItsOwnBound() {
        assertThat(calls.within(Duration.ofSeconds(5), () -> "answered")).isEqualTo("answered");
    }

    @Test
    void aCallWaitsNoLongerThanWhatIsLeftOfTheRequestsBudget() throws Exception {
        var started = System.nanoTime();

        RequestDeadline.within(Duration.ofMillis(300), () -> {
            assertThatThrownBy(() -> calls.within(Duration.ofSeconds(30), () -> {
                        never.await();
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            unavailable -> assertThat(unavailable.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            return null;
        });

        // The budget and the answer's grace, far below the call's own 30 s bound.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRequestThatSpentItsBudgetDoesNotCallTemporal() throws Exception {
        var called = new AtomicBoolean();

        RequestDeadline.within(Duration.ZERO, () -> {
            assertThatThrownBy(() -> calls.within(Duration.ofSeconds(2), () -> called.getAndSet(true)))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            unavailable -> assertThat(unavailable.dependency()).isPresent());
            return null;
        });

        assertThat(called).isFalse();
    }

    @Test
    void theBudgetEndsWithItsRequest() throws Exception {
        RequestDeadline.within(Duration.ZERO, () -> null);

        assertThat(calls.within(Duration.ofSeconds(5), () -> "answered")).isEqualTo("answered");
    }
}
