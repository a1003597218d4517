package dev.comanda.order;

import java.time.Duration;

/**
 * Deadlines of one order, fixed when it is placed so that a configuration change never alters a
 * running workflow: how long stock stays reserved (and so how long a PIX payment may take), and how
 * long the restaurant has to accept a confirmed order before it is cancelled.
 */
public record OrderPolicy(Duration reservationTtl, Duration acceptDeadline) {

    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofMinutes(15), Duration.ofMinutes(10));
}
