package dev.comanda.api.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.comanda.order.ActingParty;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.order.OrderView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An order as the API shows it, with the links a client follows next. */
public record OrderResponse(
        String id,
        OrderStatus status,
        String reason,
        Channel channel,
        Customer customer,
        Fulfilment fulfilment,
        List<Line> items,
        Money total,
        PaymentState payment,
        List<MarketplaceSync> sync,
        List<TimelineEntry> timeline,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> links,
        /** Only in a guest placement's answer: the bearer token that reads, follows and cancels this order. */
        @JsonInclude(JsonInclude.Include.NON_NULL) String trackingToken) {

    /** This answer with the guest's tracking token. */
    OrderResponse withTrackingToken(String token) {
        return new OrderResponse(
                id,
                status,
                reason,
                channel,
                customer,
                fulfilment,
                items,
                total,
                payment,
                sync,
                timeline,
                createdAt,
                updatedAt,
                links,
                token);
    }

    /**
     * This answer as a customer or guest reads it: its timeline says who asked for a step only when it was
     * the customer's side itself (a customer, a guest), never which cook, key or device of the restaurant.
     */
    OrderResponse withoutStaffNames() {
        if (timeline == null) {
            return this;
        }
        var own = timeline.stream()
                .map(entry -> entry.by() == null
                                || entry.by().kind() == ActingParty.Kind.CUSTOMER
                                || entry.by().kind() == ActingParty.Kind.GUEST
                        ? entry
                        : new TimelineEntry(entry.seq(), entry.step(), entry.status(), entry.at(), entry.detail()))
                .toList();
        return new OrderResponse(
                id,
                status,
                reason,
                channel,
                customer,
                fulfilment,
                items,
                total,
                payment,
                sync,
                own,
                createdAt,
                updatedAt,
                links,
                trackingToken);
    }

    /** Never the tracking token: a response may be logged at DEBUG, a token never. */
    @Override
    public String toString() {
        return "OrderResponse[id=" + id + ", status=" + status + "]";
    }

    public record Line(String sku, String name, int quantity, Money unitPrice, Money lineTotal) {
        static List<Line> of(List<OrderLine> lines) {
            return lines.stream()
                    .map(l -> new Line(l.sku(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal()))
                    .toList();
        }
    }

    /** The answer to a placement: the order as accepted, before its workflow has taken a step. */
    static OrderResponse placed(PlaceOrder order, OrderLinks links) {
        return new OrderResponse(
                order.orderId(),
                OrderStatus.PENDING,
                null,
                order.channel(),
                order.customer(),
                order.fulfilment(),
                Line.of(order.lines()),
                order.total(),
                null,
                List.of(),
                List.of(),
                order.placedAt(),
                order.placedAt(),
                links.of(order.tenantId(), order.orderId(), OrderStatus.PENDING, order.fulfilment()),
                null);
    }

    static OrderResponse of(String tenantId, OrderView view, OrderLinks links) {
        return new OrderResponse(
                view.orderId(),
                view.status(),
                view.reason(),
                view.channel(),
                view.customer(),
                view.fulfilment(),
                Line.of(view.items()),
                view.total(),
                view.payment(),
                view.sync(),
                view.timeline(),
                view.createdAt(),
                view.updatedAt(),
                links.of(tenantId, view.orderId(), view.status(), view.fulfilment()),
                null);
    }

    /** The live workflow state is fresher than the read model; the read model knows the dates. */
    static OrderResponse of(String tenantId, OrderState live, OrderView view, OrderLinks links) {
        var reason = live.rejectionReason() != null
                ? live.rejectionReason().name()
                : live.cancellationReason() != null ? live.cancellationReason().name() : null;
        var timeline = live.timeline();
        return new OrderResponse(
                live.orderId(),
                live.status(),
                reason,
                live.channel(),
                live.customer(),
                live.fulfilment(),
                Line.of(live.lines()),
                live.total(),
                live.payment(),
                live.sync(),
                timeline,
                view != null ? view.createdAt() : timeline.getFirst().at(),
                timeline.getLast().at(),
                links.of(tenantId, live.orderId(), live.status(), live.fulfilment()),
                null);
    }
}
