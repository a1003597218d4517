package dev.comanda.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/orders}: place, read, list, move through the kitchen, cancel, and the workflow history. */
public final class OrdersApi {

    private static final String ORDERS = Transport.API + "/orders";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Transport transport;
    private final String token;

    OrdersApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /**
     * Places an order (201, PENDING). The same {@code idempotencyKey} (1 to 255 visible ASCII characters)
     * answers the first placement again however often it is sent; null places without one.
     */
    public Order place(PlaceOrderRequest request, String idempotencyKey) {
        return transport.call("POST", ORDERS, placing(idempotencyKey), request, Order.class);
    }

    /** {@link #place} without blocking: completes with the order, or exceptionally as {@link #place} throws. */
    public CompletableFuture<Order> placeAsync(PlaceOrderRequest request, String idempotencyKey) {
        return transport.callAsync("POST", ORDERS, placing(idempotencyKey), request, Order.class);
    }

    /** The order: its workflow's live state while it runs, the read model once it ended. */
    public Order get(String orderId) {
        return transport.call("GET", ORDERS + "/" + orderId, Transport.headers(token), null, Order.class);
    }

    public OrderPage list(OrderQuery query) {
        return transport.call("GET", ORDERS + query.toQueryString(), Transport.headers(token), null, OrderPage.class);
    }

    /** Moves the order through the kitchen; an illegal move is a 409 {@link ProblemException} naming why. */
    public Order transition(String orderId, OrderStatus status) {
        return transport.call(
                "POST",
                ORDERS + "/" + orderId + "/transitions",
                Transport.headers(token),
                Map.of("status", status),
                Order.class);
    }

    /** Cancels (customers until ACCEPTED, the restaurant until READY); answers once refund and restock ran. */
    public Order cancel(String orderId, String reason) {
        var body = reason == null ? Map.of() : Map.of("reason", reason);
        return transport.call("POST", ORDERS + "/" + orderId + "/cancel", Transport.headers(token), body, Order.class);
    }

    /** The workflow's event history in Temporal's JSON format (OPS and ADMIN tokens). */
    public JsonNode history(String orderId) {
        return transport.call(
                "GET", ORDERS + "/" + orderId + "/history", Transport.headers(token), null, JsonNode.class);
    }

    private Map<String, String> placing(String idempotencyKey) {
        return Transport.headers(token, IDEMPOTENCY_KEY, idempotencyKey);
    }
}
