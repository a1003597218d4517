package dev.comanda.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /orders}: who, which products and how many (never prices: the server prices
 * them), how the order is handed over, and how it is paid. Immutable; every {@code with…} answers a copy:
 *
 * <pre>{@code
 * PlaceOrderRequest.takeaway(new Customer("Ana", "ana@example.com")).item("PIZZA-MARG", 2).card("tok_visa")
 * }</pre>
 *
 * @param channel where the order comes from; the server assumes WEB when null
 */
public record PlaceOrderRequest(
        Customer customer, List<Item> items, Fulfilment fulfilment, Payment payment, Channel channel) {

    public record Item(String sku, Integer quantity) {}

    /** How the order is paid; {@code cardToken} is the provider's token of the card (CARD only). */
    public record Payment(PaymentMethod method, String cardToken) {

        public static Payment card(String cardToken) {
            return new Payment(PaymentMethod.CARD, cardToken);
        }

        public static Payment of(PaymentMethod method) {
            return new Payment(method, null);
        }
    }

    /** Takeaway for {@code customer}, with no items and no payment yet. */
    public static PlaceOrderRequest takeaway(Customer customer) {
        return new PlaceOrderRequest(customer, List.of(), Fulfilment.takeaway(), null, null);
    }

    /** One more line: {@code quantity} of {@code sku}. */
    public PlaceOrderRequest item(String sku, Integer quantity) {
        var more = new ArrayList<>(items == null ? List.<Item>of() : items);
        more.add(new Item(sku, quantity));
        return new PlaceOrderRequest(customer, List.copyOf(more), fulfilment, payment, channel);
    }

    public PlaceOrderRequest withCustomer(Customer customer) {
        return new PlaceOrderRequest(customer, items, fulfilment, payment, channel);
    }

    public PlaceOrderRequest withFulfilment(Fulfilment fulfilment) {
        return new PlaceOrderRequest(customer, items, fulfilment, payment, channel);
    }

    public PlaceOrderRequest withPayment(Payment payment) {
        return new PlaceOrderRequest(customer, items, fulfilment, payment, channel);
    }

    public PlaceOrderRequest withChannel(Channel channel) {
        return new PlaceOrderRequest(customer, items, fulfilment, payment, channel);
    }

    /** Paid by card with the provider's {@code cardToken}. */
    public PlaceOrderRequest card(String cardToken) {
        return withPayment(Payment.card(cardToken));
    }

    public PlaceOrderRequest pix() {
        return withPayment(Payment.of(PaymentMethod.PIX));
    }

    public PlaceOrderRequest cash() {
        return withPayment(Payment.of(PaymentMethod.CASH));
    }
}
