package dev.comanda.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON body of {@code POST /api/v1/orders}, built step by step; every call returns a new request. */
final class OrderRequest {

    private final Map<String, Object> customer;
    private final List<Map<String, Object>> items;
    private final Map<String, Object> fulfilment;
    private final Map<String, Object> payment;

    private OrderRequest(
            Map<String, Object> customer,
            List<Map<String, Object>> items,
            Map<String, Object> fulfilment,
            Map<String, Object> payment) {
        this.customer = customer;
        this.items = items;
        this.fulfilment = fulfilment;
        this.payment = payment;
    }

    /** Ana takes away, paying by card with the sandbox's always-approved token; add items. */
    static OrderRequest takeaway() {
        return new OrderRequest(
                map("name", "Ana", "email", "ana@example.com"),
                List.of(),
                map("type", "TAKEAWAY"),
                map("method", "CARD", "cardToken", "tok_visa"));
    }

    OrderRequest item(String sku, Object quantity) {
        var more = new ArrayList<>(items);
        more.add(map("sku", sku, "quantity", quantity));
        return new OrderRequest(customer, more, fulfilment, payment);
    }

    OrderRequest delivery() {
        return new OrderRequest(
                customer,
                items,
                map(
                        "type",
                        "DELIVERY",
                        "address",
                        map("street", "Rua Augusta", "number", "100", "city", "São Paulo", "postalCode", "01304-000")),
                payment);
    }

    OrderRequest deliveryWithoutAddress() {
        return new OrderRequest(customer, items, map("type", "DELIVERY"), payment);
    }

    OrderRequest card(String token) {
        return new OrderRequest(customer, items, fulfilment, map("method", "CARD", "cardToken", token));
    }

    OrderRequest cardWithoutToken() {
        return new OrderRequest(customer, items, fulfilment, map("method", "CARD"));
    }

    OrderRequest cash() {
        return new OrderRequest(customer, items, fulfilment, map("method", "CASH"));
    }

    OrderRequest pix() {
        return new OrderRequest(customer, items, fulfilment, map("method", "PIX"));
    }

    OrderRequest email(String email) {
        var changed = new LinkedHashMap<>(customer);
        changed.put("email", email);
        return new OrderRequest(changed, items, fulfilment, payment);
    }

    Map<String, Object> body() {
        return map("customer", customer, "items", items, "fulfilment", fulfilment, "payment", payment);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
