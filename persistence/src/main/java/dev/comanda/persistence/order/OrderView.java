package dev.comanda.persistence.order;

import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentState;
import dev.comanda.order.TimelineEntry;
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
