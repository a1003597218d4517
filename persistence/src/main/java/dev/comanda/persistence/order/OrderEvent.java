package dev.comanda.persistence.order;

import dev.comanda.order.ActingParty;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.TimelineEntry;
import java.time.Instant;

/**
 * One entry of a tenant's event stream, numbered by {@code seq} within the tenant (from 1, gap-free in
 * commit order): a timeline entry the read model committed, or a stock event (a product sold out or
 * back in stock). For a timeline entry {@code orderSeq} is its number within its order and
 * {@code stock} is null; a stock event has {@code stock} set, {@code step} {@code SOLD_OUT} or
 * {@code BACK_IN_STOCK}, and no order ({@code orderId} and {@code status} null, {@code orderSeq} 0).
 * {@code publishedAt} is when the writer published it, right after commit; it is null for events read
 * back from the database. {@code by} names who asked for the step (a kitchen move, a cancellation),
 * when someone did.
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
        StockLevel stock,
        Instant publishedAt,
        ActingParty by) {

    static OrderEvent of(String tenantId, long seq, String orderId, TimelineEntry entry) {
        return new OrderEvent(
                tenantId,
                seq,
                orderId,
                entry.seq(),
                entry.step(),
                entry.status(),
                entry.at(),
                entry.detail(),
                null,
                null,
                entry.by());
    }

    static OrderEvent ofStock(String tenantId, long seq, StockLevel stock, Instant at) {
        return new OrderEvent(tenantId, seq, null, 0, stock.step().name(), null, at, null, stock, null, null);
    }

    /** True for a stock event, false for an order's timeline entry. */
    public boolean concernsStock() {
        return stock != null;
    }

    OrderEvent publishedAt(Instant when) {
        return new OrderEvent(tenantId, seq, orderId, orderSeq, step, status, at, detail, stock, when, by);
    }
}
