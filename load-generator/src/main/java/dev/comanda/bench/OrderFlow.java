package dev.comanda.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One order's life as a client sees it: place it, wait for CONFIRMED, then cancel it or move it through
 * the kitchen (takeaway: ACCEPTED, PREPARING, READY, PICKED_UP), and wait for its terminal status.
 * Every latency is measured from the moment the order was due, not when it was sent, so a slow server
 * cannot hide latency by delaying the open loop's arrivals.
 */
final class OrderFlow {

    static final List<String> KITCHEN_MOVES = List.of("ACCEPTED", "PREPARING", "READY", "PICKED_UP");
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

    /** Tokens of the benchmark tenant and what it sells. */
    record Tenant(String id, String customer, String kitchen, String ops, List<String> skus) {}

    private final ComandaApi api;
    private final Follower follower;
    private final Tenant tenant;
    private final BenchOptions.Mix mix;
    private final boolean kitchen;
    private final String runId;

    OrderFlow(ComandaApi api, Follower follower, Tenant tenant, BenchOptions options, String runId) {
        this.api = api;
        this.follower = follower;
        this.tenant = tenant;
        this.mix = options.mix();
        this.kitchen = options.kitchen();
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
        var method = payment < mix.pix() ? "PIX" : payment < mix.pix() + mix.cash() ? "CASH" : "CARD";
        var declined = method.equals("CARD") && random.nextDouble() < mix.decline();
        var cancel = random.nextDouble() < mix.cancel();
        var reply = api.placeOrder(tenant.customer(), runId + "-" + UUID.randomUUID(), order(method, declined, random));
        if (reply.status() == SHED) {
            // The stack said "not now" before anything was written (admission control, or a dependency
            // that did not answer in time): its answer to an offered rate above what it sustains, not an
            // error. Not followed, and not in the placement latency; counted by the reason it gave.
            stats.shed(shedReason(reply));
            return;
        }
        RunStats.record(stats.placement, System.nanoTime() - dueNanos);
        if (!reply.ok()) {
            stats.error("place " + reply.errorKind());
            return;
        }
        stats.placed.increment();
        var orderId = api.parse(reply.body()).get("id").asString();
        var confirmed = new CompletableFuture<String>();
        var ended = new CompletableFuture<String>();
        follower.watch(orderId, (status, seenAt) -> {
            if (CONFIRMED_OR_LATER.contains(status) && !confirmed.isDone()) {
                RunStats.record(stats.confirmation, seenAt - dueNanos);
                stats.confirmedAt(seenAt);
            }
            if ((CONFIRMED_OR_LATER.contains(status) || TERMINAL.contains(status)) && confirmed.complete(status)) {
                stats.settled.increment();
            }
            if (TERMINAL.contains(status)) {
                if (status.equals("COMPLETED")) {
                    RunStats.record(stats.completion, seenAt - dueNanos);
                    stats.completedAt(seenAt);
                }
                ended.complete(status);
            }
        });
        try {
            var status = await(confirmed, deadlineNanos);
            if (!TERMINAL.contains(status)) {
                if (cancel) {
                    expectOk(stats, "cancel", api.cancel(tenant.customer(), orderId));
                } else if (kitchen) {
                    for (var move : KITCHEN_MOVES) {
                        if (!expectOk(stats, "kitchen", api.transition(tenant.kitchen(), orderId, move))) {
                            break;
                        }
                    }
                } else {
                    stats.sampleOrder(orderId);
                    return;
                }
            }
            count(stats, orderId, await(ended, deadlineNanos));
        } catch (TimeoutException e) {
            stats.unfinished.increment();
        } finally {
            follower.unwatch(orderId);
        }
    }

    /** The 503's {@code reason} (admission control) or {@code dependency} (fail-fast), else "unknown". */
    private String shedReason(ComandaApi.Reply reply) {
        try {
            var problem = api.parse(reply.body());
            for (var property : List.of("reason", "dependency")) {
                var value = problem.get(property);
                if (value != null && value.isString()) {
                    return value.asString();
                }
            }
        } catch (RuntimeException notJson) {
            // a 503 from something in front of the API: no problem body to read
        }
        return "unknown";
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

    private static boolean expectOk(RunStats stats, String what, ComandaApi.Reply reply) {
        if (!reply.ok()) {
            stats.error(what + " " + reply.errorKind());
        }
        return reply.ok();
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

    private Map<String, Object> order(String method, boolean declined, ThreadLocalRandom random) {
        var lines = random.nextInt(mix.minItems(), mix.maxItems() + 1);
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < lines; i++) {
            items.add(Map.of("sku", tenant.skus().get(i % tenant.skus().size()), "quantity", random.nextInt(1, 3)));
        }
        var payment = new LinkedHashMap<String, Object>();
        payment.put("method", method);
        if (method.equals("CARD")) {
            payment.put("cardToken", declined ? "tok_decline" : "tok_visa");
        }
        return Map.of(
                "customer",
                Map.of("name", "Bench Customer", "email", "bench@example.com"),
                "items",
                items,
                "fulfilment",
                Map.of("type", "TAKEAWAY"),
                "payment",
                payment);
    }
}
