package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.PlaceOrderRequest;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Placing orders and following them over the API, the way a client does. */
final class Orders {

    /** How long an order may take to reach a status before the test fails. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final Duration LONGEST_POLL = Duration.ofMillis(250);

    private final ComandaClient api;
    private final Duration deadline;

    Orders(ComandaClient api) {
        this(api, DEADLINE);
    }

    /** Orders followed for up to {@code deadline} (a restart, a backlog) instead of {@link #DEADLINE}. */
    Orders(ComandaClient api, Duration deadline) {
        this.api = api;
        this.deadline = deadline;
    }

    RawResponse place(String token, String idempotencyKey, Object body) {
        var headers = new LinkedHashMap<>(RawApi.bearer(token));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return api.raw().post("/api/v1/orders", headers, body);
    }

    /** Places an order under a fresh Idempotency-Key and answers its ID. */
    String placeNew(String token, PlaceOrderRequest request) {
        var order = api.withToken(token).orders().place(request, "key-" + E2eStack.randomHex());
        // The answer carries the outcome when the saga settles within the placement's wait, else PENDING.
        assertThat(order.status())
                .as("placed: %s", order)
                .isIn(
                        dev.comanda.client.OrderStatus.PENDING,
                        dev.comanda.client.OrderStatus.CONFIRMED,
                        dev.comanda.client.OrderStatus.REJECTED);
        return order.id();
    }

    JsonNode get(String token, String orderId) {
        var response = api.withToken(token).raw().get("/api/v1/orders/" + orderId);
        assertThat(response.status()).as("reading %s: %s", orderId, response).isEqualTo(200);
        return response.json();
    }

    /** Polls {@code GET /orders/{id}} until the order has {@code status}; fails when it stops elsewhere or the deadline passes. */
    JsonNode awaitStatus(String token, String orderId, OrderStatus status) {
        return await(
                token,
                orderId,
                "status " + status,
                order -> status.name().equals(order.get("status").asString()));
    }

    /** Polls {@code GET /orders/{id}} until {@code condition} holds, with a growing pause between reads. */
    JsonNode await(String token, String orderId, String what, Predicate<JsonNode> condition) {
        var deadline = Instant.now().plus(this.deadline);
        var pause = FIRST_POLL;
        var order = get(token, orderId);
        while (!condition.test(order)) {
            var current = OrderStatus.valueOf(order.get("status").asString());
            assertThat(current.isTerminal())
                    .as("order %s ended %s, waiting for %s: %s", orderId, current, what, order)
                    .isFalse();
            assertThat(Instant.now())
                    .as("order %s still %s after %s, waiting for %s: %s", orderId, current, this.deadline, what, order)
                    .isBefore(deadline);
            LockSupport.parkNanos(pause.toNanos());
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
            order = get(token, orderId);
        }
        return order;
    }

    /** {@code POST /orders/{id}/transitions} as the kitchen. */
    RawResponse move(String token, String orderId, OrderStatus target) {
        return api.withToken(token)
                .raw()
                .post("/api/v1/orders/" + orderId + "/transitions", Map.of("status", target.name()));
    }

    RawResponse cancel(String token, String orderId) {
        return api.withToken(token)
                .raw()
                .post("/api/v1/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"));
    }

    /**
     * A kitchen move retried while the order's workflow cannot answer yet (503: its worker is still
     * starting after a restart), as a client with a retry policy would; the final status code.
     */
    int moveWhenAnswered(String token, String orderId, OrderStatus target) {
        return whenAnswered(() -> move(token, orderId, target));
    }

    /** A cancellation retried like {@link #moveWhenAnswered}. */
    int cancelWhenAnswered(String token, String orderId) {
        return whenAnswered(() -> cancel(token, orderId));
    }

    private int whenAnswered(java.util.function.Supplier<RawResponse> call) {
        var until = Instant.now().plus(deadline);
        var response = call.get();
        while (response.status() >= 500 && Instant.now().isBefore(until)) {
            LockSupport.parkNanos(LONGEST_POLL.toNanos());
            response = call.get();
        }
        return response.status();
    }
}
