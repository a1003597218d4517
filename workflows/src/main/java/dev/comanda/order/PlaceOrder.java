package dev.comanda.order;

import java.time.Instant;
import java.util.List;

/**
 * The input of one order workflow: a priced, validated order. {@code marketplaces} are the external
 * channels the tenant has configured at placement time. {@code offline} is set for an order a POS
 * device took while offline and synced later; null otherwise (and in every history recorded before it).
 */
public record PlaceOrder(
        String tenantId,
        String orderId,
        Channel channel,
        Customer customer,
        List<OrderLine> lines,
        Fulfilment fulfilment,
        Payment payment,
        Money total,
        List<String> marketplaces,
        OrderPolicy policy,
        Instant placedAt,
        OfflineOrigin offline) {

    /** An order placed online, through the API's catalog and stock rules. */
    public PlaceOrder(
            String tenantId,
            String orderId,
            Channel channel,
            Customer customer,
            List<OrderLine> lines,
            Fulfilment fulfilment,
            Payment payment,
            Money total,
            List<String> marketplaces,
            OrderPolicy policy,
            Instant placedAt) {
        this(
                tenantId,
                orderId,
                channel,
                customer,
                lines,
                fulfilment,
                payment,
                total,
                marketplaces,
                policy,
                placedAt,
                null);
    }

    public PlaceOrder {
        lines = List.copyOf(lines);
        marketplaces = marketplaces == null ? List.of() : List.copyOf(marketplaces);
        policy = policy == null ? OrderPolicy.DEFAULT : policy;
    }
}
