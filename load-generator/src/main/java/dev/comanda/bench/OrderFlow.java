package dev.comanda.bench;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.ComandaClientException;
import dev.comanda.client.Customer;
import dev.comanda.client.NoAnswerException;
import dev.comanda.client.Order;
import dev.comanda.client.OrderStatus;
import dev.comanda.client.PaymentMethod;
import dev.comanda.client.PlaceOrderRequest;
import dev.comanda.client.ProblemException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One order's life as a client sees it: place it, wait for CONFIRMED, then cancel it or move it through
 * the kitchen (takeaway: ACCEPTED, PREPARING, READY, PICKED_UP), and wait for its terminal status.
 * Every latency is measured from the moment the order was due, not when it was sent, so a slow server
 * cannot hide latency by delaying the open loop's arrivals.
 */
final class OrderFlow {

    static final List<OrderStatus> KITCHEN_MOVES =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP);
    static final Set<String> TERMINAL = Set.of("COMPLETED", "REJECTED", "CANCELLED");
    /** Statuses an order reaches only after CONFIRMED. */
    static final Set<String> CONFIRMED_OR_LATER = Set.of(
            "CONFIRMED",
            "ACCEPTED",
            "PREPARING",
            "READY",
            "OUT_FOR_DELIVERY",
            "DELIVERED",
            "PICKED_UP",
            "SERVED",
            "COMPLETED");

    /** The status of a placement shed by the API's admission control (503 with Retry-After). */
    static final int SHED = 503;
    /** The status of a placement of a restaurant over its share of the orders in flight (429 with Retry-After). */
    static final int SHED_FOR_TENANT = 429;

    /** Tokens of the benchmark tenant and what it sells. */
    record Tenant(String id, String customer, String kitchen, String ops, List<String> skus) {}

    private final ComandaClient api;
    private final ComandaClient customer;
    private final ComandaClient kitchenClient;
    private final Follower follower;
    private final Tenant tenant;
    private final BenchOptions.Mix mix;
    private final boolean kitchen;
    private final boolean storefront;
    private final String runId;

    OrderFlow(ComandaClient api, Follower follower, Tenant tenant, BenchOptions options, String runId) {
        this.api = api;
        this.customer = api.withToken(tenant.customer());
        this.kitchenClient = api.withToken(tenant.kitchen());
        this.follower = follower;
        this.tenant = tenant;
        this.mix = options.mix();
        this.kitchen = options.kitchen();
        this.storefront = options.storefront();
        this.runId = runId;
    }

    /**
     * Runs one order to its end or to {@code deadlineNanos}, whichever comes first.
     *
     * @param dueNanos when the order was due to be placed ({@link System#nanoTime()})
     */
    void run(RunStats stats, long dueNanos, long deadlineNanos) {
        stats.started.increment();
        stats.inFlight.increment();
        try {
            follow(stats, dueNanos, deadlineNanos);
        } finally {
            stats.inFlight.decrement();
        }
    }

    private void follow(RunStats stats, long dueNanos, long deadlineNanos) {
        var random = ThreadLocalRandom.current();
        var payment = random.nextDouble();
        var method = payment < mix.pix()
                ? PaymentMethod.PIX
                : payment < mix.pix() + mix.cash() ? PaymentMethod.CASH : PaymentMethod.CARD;
        var declined = method == PaymentMethod.CARD && random.nextDouble() < mix.decline();
        var cancel = random.nextDouble() < mix.cancel();
        String orderId;
        String answered;
        // A storefront's guest holds its order's tracking token: the one credential that may cancel it.
        ComandaClient owner;
        try {
            var placed = customer.orders().place(order(method, declined, random), runId + "-" + UUID.randomUUID());
            orderId = placed.id();
            answered = placed.status().name();
            owner = storefront && placed.trackingToken() != null ? api.withToken(placed.trackingToken()) : customer;
        } catch (ProblemException e) {
            if (e.status() == SHED || e.status() == SHED_FOR_TENANT) {
                // The stack said "not now" before anything was written (admission control, or a
                // dependency that did not answer in time): its answer to an offered rate above what it
                // sustains, not an error. Not followed, and not in the placement latency; counted by the
                // reason it gave.
                stats.shed(e.reason().or(e::dependency).orElse("unknown"));
                return;
            }
            RunStats.record(stats.placement, System.nanoTime() - dueNanos);
            stats.error("place " + errorKind(e));
            return;
        } catch (ComandaClientException e) {
            RunStats.record(stats.placement, System.nanoTime() - dueNanos);
            stats.error("place " + errorKind(e));
            return;
        }
        var answeredAt = System.nanoTime();
        RunStats.record(stats.placement, answeredAt - dueNanos);
        stats.placed.increment();
        var confirmed = new CompletableFuture<String>();
        var ended = new CompletableFuture<String>();
        Follower.Listener progress = (status, seenAt) -> {
            if (CONFIRMED_OR_LATER.contains(status) && !confirmed.isDone()) {
                RunStats.record(stats.confirmation, seenAt - dueNanos);
                stats.confirmedAt(seenAt);
            }
            if ((CONFIRMED_OR_LATER.contains(status) || TERMINAL.contains(status)) && confirmed.complete(status)) {
                stats.settled.increment();
            }
            // Told by an answer and by the follower alike: counted once, by whichever saw it first.
            if (TERMINAL.contains(status) && ended.complete(status) && status.equals("COMPLETED")) {
                RunStats.record(stats.completion, seenAt - dueNanos);
                stats.completedAt(seenAt);
            }
        };
        // Every answer carries the order as the read model holds it by then: the answer leaves the server with the
        // workflow task whose local activity wrote that status. So the generator learns from the placement's and
        // the kitchen's answers, and polls the read model only while it waits for a status no answer will bring
        // (an outcome the placement did not wait for; a completion after the last move, on a build that makes it
        // later; a cancellation).
        progress.seen(answered, answeredAt);
        var followed = false;
        try {
            if (!confirmed.isDone()) {
                followed = watch(orderId, progress);
            }
            var status = await(confirmed, deadlineNanos);
            if (followed) {
                follower.unwatch(orderId);
                followed = false;
            }
            if (!TERMINAL.contains(status)) {
                if (cancel) {
                    expectOk(stats, "cancel", () -> owner.orders().cancel(orderId, "benchmark"), progress);
                } else if (kitchen) {
                    for (var move : KITCHEN_MOVES) {
                        if (!expectOk(
                                stats, "kitchen", () -> kitchenClient.orders().transition(orderId, move), progress)) {
                            break;
                        }
                    }
                } else {
                    stats.sampleOrder(orderId);
                    return;
                }
                if (!ended.isDone() && !followed) {
                    followed = watch(orderId, progress);
                }
            }
            count(stats, orderId, await(ended, deadlineNanos));
        } catch (TimeoutException e) {
            stats.unfinished.increment();
        } finally {
            if (followed) {
                follower.unwatch(orderId);
            }
        }
    }

    private boolean watch(String orderId, Follower.Listener progress) {
        follower.watch(orderId, progress);
        return true;
    }

    private static void count(RunStats stats, String orderId, String terminal) {
        switch (terminal) {
            case "COMPLETED" -> {
                stats.completed.increment();
                stats.sampleOrder(orderId);
            }
            case "REJECTED" -> stats.rejected.increment();
            default -> stats.cancelled.increment();
        }
    }

    /** Makes the call; its answer's status is seen as the order's progress. False (counted) when it failed. */
    private static boolean expectOk(RunStats stats, String what, Supplier<Order> call, Follower.Listener progress) {
        try {
            var answer = call.get();
            progress.seen(answer.status().name(), System.nanoTime());
            return true;
        } catch (ComandaClientException e) {
            stats.error(what + " " + errorKind(e));
            return false;
        }
    }

    /** The bucket an error is counted in: {@code http-409}, {@code ConnectException}, ... */
    static String errorKind(ComandaClientException e) {
        return switch (e) {
            case ProblemException problem -> "http-" + problem.status();
            case NoAnswerException none -> none.kind();
            default -> e.getClass().getSimpleName();
        };
    }

    private static String await(CompletableFuture<String> future, long deadlineNanos) throws TimeoutException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private PlaceOrderRequest order(PaymentMethod method, boolean declined, ThreadLocalRandom random) {
        var lines = random.nextInt(mix.minItems(), mix.maxItems() + 1);
        var order = PlaceOrderRequest.takeaway(new Customer("Bench Customer", "bench@example.com"));
        for (int i = 0; i < lines; i++) {
            order = order.item(tenant.skus().get(i % tenant.skus().size()), random.nextInt(1, 3));
        }
        return method == PaymentMethod.CARD
                ? order.card(declined ? "tok_decline" : "tok_visa")
                : order.withPayment(PlaceOrderRequest.Payment.of(method));
    }
}
