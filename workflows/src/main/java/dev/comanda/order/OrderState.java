package dev.comanda.order;

import java.util.List;

/** The whole live state of an order, as the workflow's query returns it. */
public record OrderState(
        String tenantId,
        String orderId,
        OrderStatus status,
        RejectionReason rejectionReason,
        CancellationReason cancellationReason,
        Channel channel,
        Customer customer,
        Fulfilment fulfilment,
        List<OrderLine> lines,
        Money total,
        PaymentState payment,
        ReservationState reservation,
        List<MarketplaceSync> sync,
        List<TimelineEntry> timeline) {

    /** The placed order at {@code status}, with what happened to it since. */
    public static OrderState of(
            PlaceOrder order,
            OrderStatus status,
            RejectionReason rejectionReason,
            CancellationReason cancellationReason,
            PaymentState payment,
            ReservationState reservation,
            List<MarketplaceSync> sync,
            List<TimelineEntry> timeline) {
        return new OrderState(
                order.tenantId(),
                order.orderId(),
                status,
                rejectionReason,
                cancellationReason,
                order.channel(),
                order.customer(),
                order.fulfilment(),
                order.lines(),
                order.total(),
                payment,
                reservation,
                sync,
                timeline);
    }
}
