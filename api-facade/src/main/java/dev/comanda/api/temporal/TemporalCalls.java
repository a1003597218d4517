package dev.comanda.api.temporal;

import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.Unavailable;
import io.grpc.Context;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Functions;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Every call the API makes to Temporal while a request waits, bounded: a stalled server or a busy
 * workflow costs the caller at most the bound (then 503 "try again", with Retry-After), never the SDK's own
 * retries of a minute or more — and never more than what is left of the request's budget.
 */
@Component
public class TemporalCalls {

    /** A bounded call's answer may come this much after its gRPC deadline (the SDK's own error). */
    private static final long ANSWER_GRACE_MILLIS = 500;

    /** How much longer than its wait for a workflow's result the call to Temporal may take. */
    private static final Duration RESULT_MARGIN = Duration.ofSeconds(1);

    /** Runs the bounded calls, one virtual thread each, so the request's thread can stop waiting. */
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    /** Only fires the deadlines of bounded calls. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("temporal-deadlines").factory());

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
        calls.shutdownNow();
    }

    /**
     * The call's answer, or 503 when Temporal has not given it within {@code requested}, or within what is left of
     * the request's budget when that is less ({@link RequestDeadline}: a request whose budget is spent does not
     * call at all); the call's own exceptions pass through as they are.
     */
    public <T> T within(Duration requested, Callable<T> call) {
        var bound = RequestDeadline.cap(requested);
        if (bound.isZero()) {
            throw ApiException.unavailable(
                    Unavailable.Dependency.TEMPORAL,
                    "the request spent its time before Temporal could answer; try again");
        }
        var bounded = Context.current().withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS, deadlines);
        // The deadline reaches every RPC made on this thread, but an update's result is polled by the SDK
        // on threads of its own, where it does not: the wait for the answer is bounded here as well.
        var answer = calls.submit(bounded.wrap(call));
        try {
            return answer.get(bound.toMillis() + ANSWER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw ApiException.unavailable(
                    Unavailable.Dependency.TEMPORAL, "Temporal did not answer in time; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            bounded.cancel(null);
        }
    }

    /**
     * Starts {@code workflow} (a stub's method) with {@code argument}, or joins the execution its ID names
     * already — running, or closed where the ID's reuse policy keeps it — so a request asked twice starts one
     * workflow. Bounded like {@link #within}.
     */
    public <A, R> void startOrJoin(Duration bound, Functions.Func1<A, R> workflow, A argument) {
        within(bound, () -> {
            try {
                return WorkflowClient.start(workflow, argument);
            } catch (WorkflowExecutionAlreadyStarted e) {
                return e.getExecution();
            }
        });
    }

    /**
     * The result of the workflow {@code stub} names, waiting at most {@code wait} for it to close; empty when it
     * still runs then. Its failure passes through as the SDK throws it.
     */
    public <R> Optional<R> awaitResult(Duration wait, WorkflowStub stub, Class<R> type) {
        // The call's own bound is a little longer than the wait, so an unfinished workflow is told by the SDK's
        // timeout, not by the gRPC deadline; a request with less of its budget left waits that much less, the
        // margin kept inside the budget (half of what is left when that is all there is).
        var bound = RequestDeadline.cap(wait.plus(RESULT_MARGIN));
        var patience = bound.compareTo(RESULT_MARGIN) > 0 ? bound.minus(RESULT_MARGIN) : bound.dividedBy(2);
        return Optional.ofNullable(within(bound, () -> {
            try {
                return stub.getResult(patience.toMillis(), TimeUnit.MILLISECONDS, type);
            } catch (TimeoutException e) {
                return null;
            }
        }));
    }
}
