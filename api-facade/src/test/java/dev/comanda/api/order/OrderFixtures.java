package dev.comanda.api.order;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderPolicy;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.Payment;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.catalog.CatalogProduct;
import dev.comanda.persistence.order.OrderView;
import java.time.Instant;
import java.util.List;

/** The order every order slice test talks about, as the workflow and the read model see it. */
final class OrderFixtures {

    private OrderFixtures() {}

    static final String ORDER = "0123456789abcdef0123456789abcdef";
    static final String PATH = "/api/v1/orders/" + ORDER;
    static final Money PRICE = new Money(4_500, "BRL");
    static final CatalogProduct PIZZA = new CatalogProduct("PIZZA", "Pizza", PRICE, true, 10);
    static final String TAKEAWAY = """
            {"customer":{"name":"Ana","email":"ana@example.com"},
             "items":[{"sku":"PIZZA","quantity":1}],
             "fulfilment":{"type":"TAKEAWAY"},
             "payment":{"method":"PIX"}}""";

    /** The placement receipt of {@code orderId}: a pizza for Ana, by card, as the API acknowledged it. */
    static PlaceOrder acknowledged(String orderId) {
        return new PlaceOrder(
                SliceCallers.TENANT,
                orderId,
                Channel.WEB,
                new Customer("Ana", "ana@example.com", null),
                List.of(new OrderLine("PIZZA", "Pizza", 1, PRICE)),
                Fulfilment.takeaway(),
                new Payment(PaymentMethod.CARD, "tok_visa"),
                PRICE,
                List.of(),
                OrderPolicy.DEFAULT,
                Instant.parse("2026-01-01T12:00:00Z"));
    }

    /** The workflow's live state of {@link #ORDER} in {@code status}. */
    static OrderState live(OrderStatus status) {
        return new OrderState(
                SliceCallers.TENANT,
                ORDER,
                status,
                null,
                null,
                Channel.WEB,
                new Customer("Ana", "ana@example.com", null),
                Fulfilment.takeaway(),
                List.of(new OrderLine("PIZZA", "Pizza", 1, PRICE)),
                PRICE,
                null,
                null,
                List.of(),
                List.of(new TimelineEntry(
                        1, "PLACED", OrderStatus.PENDING, Instant.parse("2026-12-01T12:00:00Z"), null)));
    }

    /** The read model's row of {@link #ORDER} in {@code status}. */
    static OrderView view(OrderStatus status) {
        var at = Instant.parse("2026-12-01T12:00:00Z");
        return new OrderView(
                SliceCallers.TENANT,
                ORDER,
                status,
                null,
                Channel.WEB,
                new Customer("Ana", "ana@example.com", null),
                Fulfilment.takeaway(),
                PRICE,
                null,
                List.of(),
                "order-" + ORDER,
                at,
                at,
                List.of(),
                List.of());
    }
}
