package dev.comanda.pos.client;

import java.time.Duration;

/**
 * Retries of a call the server could not answer: {@code attempts} tries, waiting {@code initial},
 * then twice as long each time up to {@code max}. A POS keeps working meanwhile; a sync that gives up
 * leaves its orders pending for the next one.
 */
public record Backoff(int attempts, Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(30));

    public Backoff {
        if (attempts < 1 || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff needs at least one attempt and 0 <= initial <= max");
        }
    }

    /** The wait after failed attempt {@code attempt} (from 1). */
    Duration delay(int attempt) {
        var delay = initial.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
