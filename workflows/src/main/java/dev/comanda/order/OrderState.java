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
        List<TimelineEntry> timeline) {}
