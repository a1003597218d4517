package dev.comanda.activities.order;

import dev.comanda.order.Address;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.Payment;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Orders and progress for the read-model suites. */
final class Orders {

    private Orders() {}

    static PlaceOrder placed(String tenantId, Instant at, long unitCents) {
        var random = ThreadLocalRandom.current();
        var orderId =
                HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        var lines = List.of(
                new OrderLine("burger", "Burger", 2, new Money(unitCents, "BRL")),
                new OrderLine("soda", "Soda", 1, new Money(500, "BRL")));
        var total = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero("BRL"), Money::plus);
        return new PlaceOrder(
                tenantId,
                orderId,
                Channel.WEB,
                new Customer("Ana", "ana@example.com", "+5511999990000"),
                lines,
                Fulfilment.delivery(new Address("Rua A", "10", null, "São Paulo", "01000-000")),
                new Payment(PaymentMethod.CARD, "tok_1"),
                total,
                List.of("ifood"),
                null,
                at);
    }

    static TimelineEntry entry(int seq, OrderStatus status, Instant at) {
        return new TimelineEntry(seq, "step-" + seq, status, at, "detail " + seq);
    }

    static OrderReadModelActivities.OrderProgress progress(
            PlaceOrder order, OrderStatus status, List<TimelineEntry> entries) {
        return new OrderReadModelActivities.OrderProgress(
                order.tenantId(), order.orderId(), status, null, null, null, entries);
    }
}
