package dev.comanda.api.temporal;

import dev.comanda.api.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The deadline of the request being served: its arrival plus {@link ApiProperties#requestBudget()}. Every wait is
 * bounded on its own (the database, Redis, each call to Temporal), but a request's waits add up: on starved
 * cores a kitchen move read its API key's name for 5.9 s and then waited its whole 10 s update bound, 15.9 s, past
 * the client's patience (docs/reliability.md). {@link TemporalCalls} takes each bound from what is left of the
 * deadline, so the request answers (503 with Retry-After at worst) within its budget and a little more. The first
 * filter of every request; outside a request (a scheduler, a test) no deadline applies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestDeadline extends OncePerRequestFilter {

    /** The current request's deadline ({@link System#nanoTime()}), on the thread that serves it. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private final Duration budget;

    RequestDeadline(ApiProperties properties) {
        this.budget = properties.requestBudget();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var previous = begin(budget);
        try {
            chain.doFilter(request, response);
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code work} as a request with {@code budget} to spend would run (the filter's work, for tests). */
    public static <T> T within(Duration budget, Callable<T> work) throws Exception {
        var previous = begin(budget);
        try {
            return work.call();
        } finally {
            restore(previous);
        }
    }

    /** {@code bound}, or what is left of the current request's budget when that is less (zero once it is spent). */
    static Duration cap(Duration bound) {
        var deadline = DEADLINE.get();
        if (deadline == null) {
            return bound;
        }
        var left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return left.compareTo(bound) < 0 ? left : bound;
    }

    /** Sets the deadline {@code budget} from now on this thread; answers the one it replaces, for {@link #restore}. */
    private static Long begin(Duration budget) {
        var previous = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        return previous;
    }

    private static void restore(Long previous) {
        if (previous == null) {
            DEADLINE.remove();
        } else {
            DEADLINE.set(previous);
        }
    }
}
