package dev.comanda.order;

import java.time.Instant;
import java.util.List;

/**
 * An order as the read model stores it. {@code items} and {@code timeline} are empty when a list was
 * asked for without details.
 */
public record OrderView(
        String tenantId,
        String orderId,
        OrderStatus status,
        String reason,
        Channel channel,
        Customer customer,
        Fulfilment fulfilment,
        Money total,
        PaymentState payment,
        List<MarketplaceSync> sync,
        String workflowId,
        Instant createdAt,
        Instant updatedAt,
        List<OrderLine> items,
        List<TimelineEntry> timeline) {

    OrderView withDetails(List<OrderLine> items, List<TimelineEntry> timeline, List<MarketplaceSync> sync) {
        return new OrderView(
                tenantId,
                orderId,
                status,
                reason,
                channel,
                customer,
                fulfilment,
                total,
                payment,
                sync,
                workflowId,
                createdAt,
                updatedAt,
                items,
                timeline);
    }
}
