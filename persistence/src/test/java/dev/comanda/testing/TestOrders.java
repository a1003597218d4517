package dev.comanda.testing;

import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders as the workflow's state would hold them, with a fresh order ID each time. */
public final class TestOrders {

    private TestOrders() {}

    public static String newOrderId(String tenantId) {
        return OrderContract.orderId(tenantId, UUID.randomUUID().toString());
    }

    public static OrderState confirmed(String tenantId, String customerEmail) {
        var orderId = newOrderId(tenantId);
        var pizza = new OrderLine("PIZZA-M", "Pizza margherita", 2, new Money(4500, "BRL"));
        return new OrderState(
                tenantId,
                orderId,
                OrderStatus.CONFIRMED,
                null,
                null,
                Channel.WEB,
                new Customer("Ana", customerEmail, "+5511999990000"),
                Fulfilment.takeaway(),
                List.of(pizza),
                pizza.lineTotal(),
                null,
                null,
                List.of(),
                List.of(new TimelineEntry(
                        0, "placed", OrderStatus.PENDING, Instant.parse("2026-01-01T12:00:00Z"), null)));
    }
}
