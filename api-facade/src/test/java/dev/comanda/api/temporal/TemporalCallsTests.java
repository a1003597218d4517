package dev.comanda.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.comanda.api.error.ApiException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * A workflow still running when the request has less budget left than the wait answers "still running",
     * not 503: the wait shrinks inside the budget, and the SDK's timeout comes before the call's deadline.
     */
    @Test
    void aResultNotThereWithinWhatIsLeftOfTheBudgetIsStillRunningNotUnavailable() throws Exception {
        var stub = mock(WorkflowStub.class);
        when(stub.getResult(anyLong(), eq(TimeUnit.MILLISECONDS), eq(String.class)))
                .thenAnswer(call -> longPollUntil(call.getArgument(0)));

        var answer = RequestDeadline.within(
                Duration.ofSeconds(2), () -> calls.awaitResult(Duration.ofSeconds(5), stub, String.class));

        assertThat(answer).isEmpty();
    }

    /**
     * What the SDK's {@code getResult} does for a workflow that does not close: long-polls until its timeout,
     * unless the gRPC deadline of the call comes first.
     */
    private static Object longPollUntil(long timeoutMillis) throws Exception {
        var deadline = Context.current().getDeadline();
        var left = deadline == null ? Long.MAX_VALUE : deadline.timeRemaining(TimeUnit.MILLISECONDS);
        if (left <= timeoutMillis) {
            Thread.sleep(Math.max(left, 0));
            throw new StatusRuntimeException(Status.DEADLINE_EXCEEDED);
        }
        Thread.sleep(timeoutMillis);
        throw new TimeoutException();
    }

    @Test
    void theBudgetEndsWithItsRequest() throws Exception {
        RequestDeadline.within(Duration.ZERO, () -> null);

        assertThat(calls.within(Duration.ofSeconds(5), () -> "answered")).isEqualTo("answered");
    }
}
