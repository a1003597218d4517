package dev.comanda.persistence.ops;

import java.time.Instant;

/**
 * One order in the ops queue, for one reason. {@code status} and {@code orderReason} are the read
 * model's (null when the order has no row); {@code since} is when it got into this state.
 */
public record QueueEntry(
        String tenantId,
        String orderId,
        QueueReason reason,
        String status,
        String orderReason,
        Instant since,
        String detail) {}
