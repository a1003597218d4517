package dev.comanda.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An order as the API shows it ({@code GET /orders/{id}}, and the answer of a placement, a kitchen move or
 * a cancellation); {@code links} holds where to go next ({@code self}, {@code workflow}). {@code trackingToken}
 * is only in the answer to a guest placement (a publishable key's): the bearer token of that one order.
 */
public record Order(
        String id,
        OrderStatus status,
        String reason,
        Channel channel,
        Customer customer,
        Fulfilment fulfilment,
        List<Line> items,
        Money total,
        Payment payment,
        List<MarketplaceSync> sync,
        List<TimelineEntry> timeline,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> links,
        String trackingToken) {

    /** Without the tracking token: an order may be logged, a token never. */
    @Override
    public String toString() {
        return "Order[id=" + id + ", status=" + status + ", reason=" + reason + ", channel=" + channel + ", total="
                + total + ", items=" + items + ", payment=" + payment + "]";
    }

    public record Line(String sku, String name, int quantity, Money unitPrice, Money lineTotal) {}

    /** The payment's state at the provider; null while the order is PENDING before its first step. */
    public record Payment(
            PaymentMethod method,
            String status,
            String providerChargeId,
            String pixCode,
            Money charged,
            Money refunded) {}

    /** A marketplace the order is pushed to, and how that went. */
    public record MarketplaceSync(String channel, String status, String externalId, String lastError) {}

    /** One step of the order's life, stamped with workflow time. */
    /**
     * One step of the order; {@code by} names who asked for it (a kitchen move, a cancellation): the
     * restaurant's callers see every name, a customer or a guest only its own side's.
     */
    public record TimelineEntry(int seq, String step, OrderStatus status, Instant at, String detail, Party by) {}

    /**
     * Who asked for a step: {@code kind} STAFF, API_KEY, DEVICE, CUSTOMER, GUEST or OPERATOR, the account's,
     * key's or device's {@code id}, and the {@code name} people read.
     */
    public record Party(String kind, String id, String name) {}
}
