package dev.comanda.reliability;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.NoAnswerException;
import dev.comanda.client.Order;
import dev.comanda.client.OrderStatus;
import dev.comanda.client.PlaceOrderRequest;
import dev.comanda.client.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An open loop of orders at a steady rate, each one then driven like a real client and kitchen would:
 * placement retried under the same Idempotency-Key until acknowledged, then paid, cancelled or cooked
 * to completion, every call retried while the system answers 5xx or not at all. Every tenth placement
 * is sent twice at once, as a client whose first attempt seemed lost.
 */
final class LoadDriver {

    /** What the run does with an order, chosen by weight. */
    enum Plan {
        COMPLETE(45),
        CANCEL(10),
        DECLINE(10),
        SCARCE(20),
        PIX(15);

        final int weight;

        Plan(int weight) {
            this.weight = weight;
        }
    }

    static final String STAPLE = "PIZZA";
    static final String SIDE = "SODA";
    static final String SCARCE_SKU = "TRUFFLE";
    private static final List<OrderStatus> KITCHEN =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    private static final int DUPLICATE_EVERY = 10;

    private final ComandaClient customer;
    private final ComandaClient kitchen;
    private final Instant giveUpAt;
    /** The counter of pairs of placements sent at once under one key that got two different answers. */
    private static final String ANSWERED_DIFFERENTLY = "duplicate placements answered differently";

    private final Map<String, Plan> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final ClientCalls calls = new ClientCalls();

    LoadDriver(ComandaClient api, FaultRun.Tenant tenant, Instant giveUpAt) {
        this.customer = api.withToken(tenant.customer());
        this.kitchen = api.withToken(tenant.kitchen());
        this.giveUpAt = giveUpAt;
    }

    /**
     * Places {@code rate} orders a second for {@code duration}, then waits for every client to finish.
     * Answers when the last order was placed.
     */
    Instant run(double rate, Duration duration, String runId) throws InterruptedException {
        var started = Instant.now();
        var period = Math.round(1_000_000 / rate);
        var sequence = new AtomicInteger();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor();
                var ticker = Executors.newSingleThreadScheduledExecutor()) {
            var placing = ticker.scheduleAtFixedRate(
                    () -> {
                        var n = sequence.incrementAndGet();
                        clients.submit(() -> drive(runId + "-" + n, n));
                    },
                    0,
                    period,
                    TimeUnit.MICROSECONDS);
            var progress = ticker.scheduleAtFixedRate(
                    () -> System.out.printf(
                            "[%3ds] placed %d, acknowledged %d, %s%n",
                            Duration.between(started, Instant.now()).toSeconds(),
                            sequence.get(),
                            acknowledged.size(),
                            counters()),
                    10,
                    10,
                    TimeUnit.SECONDS);
            LockSupport.parkNanos(duration.toNanos());
            placing.cancel(false);
            var lastPlaced = Instant.now();
            System.out.printf("load done: %d orders started; waiting for their clients%n", sequence.get());
            clients.shutdown();
            clients.awaitTermination(Duration.between(Instant.now(), giveUpAt).toMillis(), TimeUnit.MILLISECONDS);
            progress.cancel(false);
            return lastPlaced;
        }
    }

    Map<String, Plan> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Per operation: 503s, other 5xx and calls that got no answer. */
    ClientCalls calls() {
        return calls;
    }

    Map<String, Integer> counters() {
        var copy = new java.util.TreeMap<String, Integer>();
        counters.forEach((name, value) -> copy.put(name, value.get()));
        return copy;
    }

    /** Whether the placements sent twice at once under one key were ever answered differently: how many. */
    int answeredDifferently() {
        var counter = counters.get(ANSWERED_DIFFERENTLY);
        return counter == null ? 0 : counter.get();
    }

    /**
     * Counts a call that did not succeed by what it was answered; one that got no answer at all is also printed
     * with when it was sent, so the API's access log of the run can say how long it really took.
     */
    private void failed(String what, String call, Answer<?> answer) {
        count(what + " answered " + answer.described());
        printIfUnanswered(call, answer);
    }

    /** A call that got no answer at all, with when it was sent, for the API's access log of the run. */
    private static void printIfUnanswered(String call, Answer<?> answer) {
        if (answer.status() == ClientCalls.NO_ANSWER) {
            System.out.println("[" + Instant.now() + "] " + call + " sent at " + answer.sentAt() + " got no answer ("
                    + answer.noAnswer() + ")");
        }
    }

    private void count(String what) {
        counters.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private void drive(String key, int n) {
        var plan = pick();
        var body = body(plan);
        var orderId = place(key, body, n % DUPLICATE_EVERY == 0);
        if (orderId == null) {
            return;
        }
        acknowledged.put(orderId, plan);
        var status = awaitBeyond(orderId, OrderStatus.PENDING);
        if (status != OrderStatus.CONFIRMED) {
            return;
        }
        if (plan == Plan.CANCEL) {
            call(
                    orderId,
                    ClientCalls.Operation.CANCEL,
                    "cancel",
                    OrderStatus.CANCELLED,
                    () -> customer.orders().cancel(orderId, "fault run"));
            return;
        }
        for (var target : KITCHEN) {
            if (!call(
                    orderId,
                    ClientCalls.Operation.MOVE,
                    "move",
                    target,
                    () -> kitchen.orders().transition(orderId, target))) {
                return;
            }
        }
    }

    /** Places until acknowledged, always under the same key; null when the run gives up on it. */
    private String place(String key, PlaceOrderRequest body, boolean twice) {
        var pause = FIRST_PAUSE;
        while (Instant.now().isBefore(giveUpAt)) {
            count("placements sent");
            Answer<Order> answer;
            if (twice) {
                count("duplicate placements sent");
                var copy =
                        new FutureTask<>(() -> Answer.of(() -> customer.orders().place(body, key)));
                Thread.startVirtualThread(copy);
                answer = Answer.of(() -> customer.orders().place(body, key));
                try {
                    var other = copy.get();
                    calls.record(ClientCalls.Operation.PLACEMENT, other.status());
                    printIfUnanswered("twin placement under key " + key, other);
                    if (answer.ok() && other.ok() && !answer.value().equals(other.value())) {
                        count(ANSWERED_DIFFERENTLY);
                        // Whole, so what differed can be traced (the run's orders carry no real person).
                        System.out.println("placement " + key + " sent twice at once was answered " + answer.value()
                                + " and " + other.value());
                    }
                } catch (Exception e) {
                    count("duplicate placement lost");
                }
            } else {
                answer = Answer.of(() -> customer.orders().place(body, key));
            }
            calls.record(ClientCalls.Operation.PLACEMENT, answer.status());
            if (answer.ok()) {
                return answer.value().id();
            }
            failed("placement", "placement under key " + key, answer);
            if (!answer.retryable()) {
                return null;
            }
            pause = sleep(pause);
        }
        count("placements given up");
        return null;
    }

    /** Polls the order until its status is past {@code status}; the last status seen. */
    private OrderStatus awaitBeyond(String orderId, OrderStatus status) {
        var pause = FIRST_PAUSE;
        while (Instant.now().isBefore(giveUpAt)) {
            var current = read(orderId);
            if (current != null && current != status) {
                return current;
            }
            pause = sleep(pause);
        }
        return null;
    }

    private OrderStatus readUntilAnswered(String orderId) {
        var pause = FIRST_PAUSE;
        while (Instant.now().isBefore(giveUpAt)) {
            var status = read(orderId);
            if (status != null) {
                return status;
            }
            pause = sleep(pause);
        }
        return null;
    }

    private OrderStatus read(String orderId) {
        var answer = Answer.of(() -> customer.orders().get(orderId));
        calls.record(ClientCalls.Operation.READ, answer.status());
        if (!answer.ok()) {
            failed("read", "read of " + orderId, answer);
            return null;
        }
        return answer.value().status();
    }

    /**
     * One kitchen move or cancellation, repeated while it fails for technical reasons. A refusal (409)
     * may mean an earlier attempt went through though its answer was lost: the order's status decides.
     * False when the order has ended.
     */
    private boolean call(
            String orderId, ClientCalls.Operation operation, String what, OrderStatus target, Supplier<Order> request) {
        var pause = FIRST_PAUSE;
        while (Instant.now().isBefore(giveUpAt)) {
            var answer = Answer.of(request);
            calls.record(operation, answer.status());
            if (answer.ok()) {
                count(what + " done");
                return true;
            }
            failed(what, what + " of " + orderId, answer);
            if (answer.status() == 409) {
                var status = readUntilAnswered(orderId);
                if (status == null || status.isTerminal()) {
                    return false;
                }
                if (status.ordinal() >= target.ordinal()) {
                    return true;
                }
            }
            if (!answer.retryable()) {
                return false;
            }
            pause = sleep(pause);
        }
        return false;
    }

    private static Duration sleep(Duration pause) {
        LockSupport.parkNanos(pause.toNanos());
        var next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    private static Plan pick() {
        var total = 0;
        for (var plan : Plan.values()) {
            total += plan.weight;
        }
        var roll = ThreadLocalRandom.current().nextInt(total);
        for (var plan : Plan.values()) {
            roll -= plan.weight;
            if (roll < 0) {
                return plan;
            }
        }
        return Plan.COMPLETE;
    }

    private static PlaceOrderRequest body(Plan plan) {
        var random = ThreadLocalRandom.current();
        var order = PlaceOrderRequest.takeaway(new Customer("Fault Run", "fault-run@example.com"))
                .item(STAPLE, 1 + random.nextInt(3));
        if (random.nextBoolean()) {
            order = order.item(SIDE, 1 + random.nextInt(2));
        }
        if (plan == Plan.SCARCE) {
            order = order.item(SCARCE_SKU, 1 + random.nextInt(2));
        }
        return switch (plan) {
            case DECLINE -> order.card("tok_decline");
            case PIX -> order.pix();
            default -> order.card("tok_visa");
        };
    }

    /**
     * A call's outcome as the run counts it: the status (201 for any success, since only a placement's
     * success is told apart; {@link ClientCalls#NO_ANSWER} when none came), the answer when it succeeded,
     * and what went wrong on the wire when none came ({@code HttpTimeoutException}, {@code ConnectException}).
     */
    record Answer<T>(int status, T value, String noAnswer, Instant sentAt) {

        private static final int SUCCEEDED = 201;

        static <T> Answer<T> of(Supplier<T> call) {
            var sentAt = Instant.now();
            try {
                return new Answer<>(SUCCEEDED, call.get(), null, sentAt);
            } catch (ProblemException e) {
                return new Answer<>(e.status(), null, null, sentAt);
            } catch (NoAnswerException e) {
                return new Answer<>(ClientCalls.NO_ANSWER, null, e.kind(), sentAt);
            }
        }

        /** The status, or what the wire did when no answer came: the run's figures tell time-outs from refusals. */
        String described() {
            return status == ClientCalls.NO_ANSWER ? "nothing (" + noAnswer + ")" : Integer.toString(status);
        }

        boolean ok() {
            return status == SUCCEEDED;
        }

        /** Worth repeating unchanged: no answer, a server error, or throttling. */
        boolean retryable() {
            return status == ClientCalls.NO_ANSWER || status >= 500 || status == 429;
        }
    }
}
