package dev.comanda.e2e;

import dev.comanda.client.Customer;
import dev.comanda.client.Fulfilment;
import dev.comanda.client.FulfilmentType;
import dev.comanda.client.PaymentMethod;
import dev.comanda.client.PlaceOrderRequest;

/** The tests' order bodies: the client's {@link PlaceOrderRequest}, starting from the usual customer. */
final class OrderRequest {

    /** Where the tests' deliveries go. */
    static final Fulfilment.Address ADDRESS =
            new Fulfilment.Address("Rua Augusta", "100", null, "São Paulo", "01304-000");

    private OrderRequest() {}

    /** Ana takes away, paying by card with the sandbox's always-approved token; add items. */
    static PlaceOrderRequest takeaway() {
        return PlaceOrderRequest.takeaway(new Customer("Ana", "ana@example.com"))
                .card("tok_visa");
    }

    static PlaceOrderRequest delivery(PlaceOrderRequest request) {
        return request.withFulfilment(Fulfilment.delivery(ADDRESS));
    }

    static PlaceOrderRequest deliveryWithoutAddress(PlaceOrderRequest request) {
        return request.withFulfilment(new Fulfilment(FulfilmentType.DELIVERY, null, null));
    }

    static PlaceOrderRequest cardWithoutToken(PlaceOrderRequest request) {
        return request.withPayment(PlaceOrderRequest.Payment.of(PaymentMethod.CARD));
    }

    static PlaceOrderRequest email(PlaceOrderRequest request, String email) {
        return request.withCustomer(new Customer(request.customer().name(), email));
    }
}
