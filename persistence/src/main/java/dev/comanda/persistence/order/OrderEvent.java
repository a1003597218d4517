package dev.comanda.persistence.order;

import dev.comanda.order.OrderStatus;
import dev.comanda.order.TimelineEntry;
import java.time.Instant;

/**
 * One entry of a tenant's event stream: a timeline entry the read model committed, numbered by
 * {@code seq} within the tenant (from 1, gap-free in commit order). {@code orderSeq} is the entry's
 * number within its order. {@code publishedAt} is when the writer published it, right after commit;
 * it is null for events read back from the database.
 */
public record OrderEvent(
        String tenantId,
        long seq,
        String orderId,
        int orderSeq,
        String step,
        OrderStatus status,
        Instant at,
        String detail,
        Instant publishedAt) {

    static OrderEvent of(String tenantId, long seq, String orderId, TimelineEntry entry) {
        return new OrderEvent(
                tenantId, seq, orderId, entry.seq(), entry.step(), entry.status(), entry.at(), entry.detail(), null);
    }

    OrderEvent publishedAt(Instant when) {
        return new OrderEvent(tenantId, seq, orderId, orderSeq, step, status, at, detail, when);
    }
}
