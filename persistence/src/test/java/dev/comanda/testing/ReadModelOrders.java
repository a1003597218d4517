package dev.comanda.testing;

import dev.comanda.order.Address;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.Payment;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.PlaceOrderBuilder;
import dev.comanda.order.TimelineEntry;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Orders and their progress as the workflow reports them to the read model, for the read-model suites. */
public final class ReadModelOrders {

    private ReadModelOrders() {}

    public static PlaceOrder placed(String tenantId, Instant at, long unitCents) {
        var random = ThreadLocalRandom.current();
        var orderId =
                HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        return PlaceOrderBuilder.order(tenantId)
                .orderId(orderId)
                .customer(new Customer("Ana", "ana@example.com", "+5511999990000"))
                .lines(
                        new OrderLine("burger", "Burger", 2, new Money(unitCents, "BRL")),
                        new OrderLine("soda", "Soda", 1, new Money(500, "BRL")))
                .fulfilment(Fulfilment.delivery(new Address("Rua A", "10", null, "São Paulo", "01000-000")))
                .payment(new Payment(PaymentMethod.CARD, "tok_1"))
                .marketplaces("ifood")
                .placedAt(at)
                .build();
    }

    public static TimelineEntry entry(int seq, OrderStatus status, Instant at) {
        return new TimelineEntry(seq, "step-" + seq, status, at, "detail " + seq);
    }

    public static OrderReadModelActivities.OrderProgress progress(
            PlaceOrder order, OrderStatus status, List<TimelineEntry> entries) {
        return new OrderReadModelActivities.OrderProgress(
                order.tenantId(), order.orderId(), status, null, null, null, entries, null);
    }
}
