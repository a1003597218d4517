package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import dev.comanda.sandbox.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Abuse by concurrency: many clients at once on one key, and many more orders than stock. */
@EndToEnd
class ConcurrentPlacementTests {

    private static final int SAME_KEY_REQUESTS = 50;
    private static final int RUSH_ORDERS = 200;
    private static final int RUSH_STOCK = 50;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("rush").withProduct("PIZZA", 4_500, 100).withProduct("LAST-CAKES", 1_200, RUSH_STOCK);
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyMakeOneOrderAndOneCharge() throws Exception {
        var key = "checkout-" + E2eStack.randomHex();
        var body = OrderRequest.takeaway().item("PIZZA", 1);

        var responses = all(SAME_KEY_REQUESTS, () -> orders.place(tenant.customer(), key, body));

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(responses.stream().map(r -> Arrays.hashCode(r.body())).distinct())
                .as("every answer replays the first")
                .hasSize(1);
        var orderId = responses.getFirst().json().get("id").asString();
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(rows.ordersWithSku(tenant.id(), "PIZZA")).isOne();
        assertThat(rows.payments(orderId)).hasSize(1);
        assertThat(stack.sandbox().receivedRequests().stream()
                        .filter(r -> r.path().equals("/v1/charges")
                                && r.status() < 300
                                && r.body().contains(orderId))
                        .map(ReceivedRequest::idempotencyKey)
                        .distinct())
                .as("charges the provider made for the order")
                .hasSize(1);
    }

    @Test
    void twoHundredConcurrentOrdersForFiftyUnitsSellExactlyFiftyAndStockNeverGoesNegative() throws Exception {
        var body = OrderRequest.takeaway().item("LAST-CAKES", 1);

        var shed = new ConcurrentLinkedQueue<RawResponse>();
        var responses = all(RUSH_ORDERS, () -> placeUntilAdmitted("rush-" + E2eStack.randomHex(), body, shed));

        var accepted = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(responses)
                .as("every refusal is the stock pre-check naming the line")
                .filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.toString()).isEqualTo(422);
                    assertThat(r.errorFields()).containsExactly("items[0].quantity");
                });
        assertThat(shed)
                .as("a placement turned away (admission control, the caller's rate limit) says when to come back")
                .allSatisfy(
                        r -> assertThat(r.headers().firstValue("Retry-After")).isPresent());
        var ids = accepted.stream().map(r -> r.json().get("id").asString()).toList();
        awaitPastPending(ids);
        assertThat(rows.statusCounts(ids))
                .containsOnlyKeys("CONFIRMED", "REJECTED")
                .containsEntry("CONFIRMED", 50L);
        assertThat(rows.stock(tenant.id(), "LAST-CAKES")).isEqualTo(new Rows.Stock(0, 0, RUSH_STOCK));
        assertThat(rows.lowestAvailable(tenant.id(), "LAST-CAKES"))
                .as("available stock after each movement, in order")
                .isZero();
    }

    private void awaitPastPending(List<String> ids) {
        var deadline = Instant.now().plus(SETTLE);
        // One read per check: two reads could see a row missing, then the same row just written PENDING.
        var counts = rows.statusCounts(ids);
        while (counts.getOrDefault("PENDING", 0L) > 0
                || counts.values().stream().mapToLong(Long::longValue).sum() < ids.size()) {
            assertThat(Instant.now()).as("orders still pending: %s", counts).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            counts = rows.statusCounts(ids);
        }
    }

    /**
     * Places as a client does: an answer of admission control (429/503 with Retry-After) is retried under the
     * same key after the wait it asks for; every other answer is the placement's.
     */
    private RawResponse placeUntilAdmitted(String key, Object body, Queue<RawResponse> shed) {
        var deadline = Instant.now().plus(SETTLE);
        while (true) {
            var response = orders.place(tenant.customer(), key, body);
            if ((response.status() != 429 && response.status() != 503)
                    || Instant.now().isAfter(deadline)) {
                return response;
            }
            shed.add(response);
            var wait = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            LockSupport.parkNanos(Duration.ofSeconds(wait).toNanos());
        }
    }

    /** Runs {@code n} calls at the same moment, each on its own thread, and answers their results. */
    private static List<RawResponse> all(int n, Callable<RawResponse> call) throws Exception {
        var start = new CountDownLatch(1);
        var results = new ArrayList<RawResponse>();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = new ArrayList<Future<RawResponse>>();
            for (int i = 0; i < n; i++) {
                calls.add(clients.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            for (var c : calls) {
                results.add(c.get());
            }
        }
        return results;
    }
}
