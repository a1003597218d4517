package dev.comanda.reliability;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the API answered the clients' calls, per operation. A 503 is the answer a fault should get (the
 * client retries after Retry-After); any other 5xx, or no answer within the client's timeout (or a
 * refused or reset connection), is a failure of the API and breaks the run like a lost order would.
 */
final class ClientCalls {

    enum Operation {
        PLACEMENT("placements"),
        MOVE("kitchen moves"),
        CANCEL("cancellations"),
        READ("reads");

        final String label;

        Operation(String label) {
            this.label = label;
        }
    }

    private record Counts(LongAdder sent, LongAdder serverErrors, LongAdder unavailable, LongAdder unanswered) {
        Counts() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** Status of an answer that never came: refused connection, reset, or timeout. */
    static final int NO_ANSWER = 0;

    private final Map<Operation, Counts> counts = new EnumMap<>(Operation.class);

    ClientCalls() {
        for (var operation : Operation.values()) {
            counts.put(operation, new Counts());
        }
    }

    /** Counts one call and the status it got ({@link #NO_ANSWER} when none). */
    void record(Operation operation, int status) {
        var c = counts.get(operation);
        c.sent().increment();
        if (status == NO_ANSWER) {
            c.unanswered().increment();
        } else if (status == 503) {
            c.unavailable().increment();
        } else if (status >= 500) {
            c.serverErrors().increment();
        }
    }

    long unanswered(Operation operation) {
        return counts.get(operation).unanswered().sum();
    }

    long serverErrors(Operation operation) {
        return counts.get(operation).serverErrors().sum();
    }

    /** Figures per operation; a violation for every operation that had a 5xx other than 503 or no answer. */
    void reportTo(Report report) {
        counts.forEach((operation, c) -> {
            var label = operation.label;
            report.figure("calls: " + label + " sent", c.sent().sum());
            report.figure("calls: " + label + " answered 503", c.unavailable().sum());
            report.figure(
                    "calls: " + label + " answered other 5xx", c.serverErrors().sum());
            report.figure("calls: " + label + " unanswered", c.unanswered().sum());
            if (c.serverErrors().sum() > 0) {
                report.violation(c.serverErrors().sum() + " " + label + " answered 5xx other than 503");
            }
            if (c.unanswered().sum() > 0) {
                report.violation(
                        c.unanswered().sum() + " " + label + " got no answer (client timeout or connection error)");
            }
        });
    }
}
