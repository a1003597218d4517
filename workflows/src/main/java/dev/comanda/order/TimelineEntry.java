package dev.comanda.order;

import java.time.Instant;

/**
 * One step of the order as the workflow saw it, stamped with workflow time. {@code seq} numbers the
 * entries of one order from 0 and is the read model's idempotency key for them. {@code by} names who
 * asked for the step (a kitchen move, a cancellation); null for the workflow's own steps and for
 * entries recorded before it existed.
 */
public record TimelineEntry(int seq, String step, OrderStatus status, Instant at, String detail, ActingParty by) {

    public TimelineEntry(int seq, String step, OrderStatus status, Instant at, String detail) {
        this(seq, step, status, at, detail, null);
    }
}
