package dev.comanda.order;

import java.time.Instant;
import java.util.List;

/**
 * The input of one order workflow: a priced, validated order. {@code marketplaces} are the external
 * channels the tenant has configured at placement time.
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
        Instant placedAt) {

    public PlaceOrder {
        lines = List.copyOf(lines);
        marketplaces = marketplaces == null ? List.of() : List.copyOf(marketplaces);
        policy = policy == null ? OrderPolicy.DEFAULT : policy;
    }
}
