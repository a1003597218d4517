package dev.comanda.order;

import java.time.Instant;

/**
 * One step of the order as the workflow saw it, stamped with workflow time. {@code seq} numbers the
 * entries of one order from 0 and is the read model's idempotency key for them.
 */
public record TimelineEntry(int seq, String step, OrderStatus status, Instant at, String detail) {}
