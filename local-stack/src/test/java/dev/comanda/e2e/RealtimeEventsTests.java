package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.e2e.EventStreamClient.Closed;
import dev.comanda.e2e.EventStreamClient.Received;
import dev.comanda.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Order events over WebSocket with two api-facade instances on one stack: the shared one and a second
 * whose heartbeat runs every second, so pings, revocation and the auth deadline show up quickly.
 */
@EndToEnd
class RealtimeEventsTests {

    private static final String SKU = "PIZZA";
    /** The second instance's catch-up limit: one confirmed order and a move are more events than this. */
    private static final int MAX_CATCH_UP = 5;

    private static E2eStack stack;
    private static ExtraApi second;
    private static Orders orders;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        second = ExtraApi.start(
                stack,
                Map.of(
                        "comanda.api.events.heartbeat", "1s",
                        "comanda.api.events.auth-timeout", "2s",
                        "comanda.api.events.max-catch-up", String.valueOf(MAX_CATCH_UP)));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void anOrderChangeMadeThroughOneInstanceReachesClientsOnBoth() {
        var tenant = newTenant("fanout");
        try (var first = live(stack.comanda().apiUrl(), tenant);
                var other = live(second.url(), tenant)) {
            var orderId = placeConfirmed(tenant);
            var moved = new Orders(second.api()).move(tenant.kitchen(), orderId, OrderStatus.ACCEPTED);
            assertThat(moved.status()).as("move: %s", moved).isEqualTo(200);

            var onFirst = first.eventsUntil(orderId, "ACCEPTED");
            var onSecond = other.eventsUntil(orderId, "ACCEPTED");

            assertThat(summary(onFirst)).isEqualTo(summary(onSecond));
            assertThat(onFirst)
                    .extracting(m -> m.json().path("status").asString())
                    .contains("PENDING", "CONFIRMED", "ACCEPTED");
            // The tenant's only order: its events are the tenant's stream from 1, without a hole.
            assertThat(seqs(onFirst))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, onFirst.size()).boxed().toList());
        }
    }

    @Test
    void aClientNeverReceivesAnotherTenantsEvents() {
        var a = newTenant("iso-a");
        var b = newTenant("iso-b");
        try (var aFirst = live(stack.comanda().apiUrl(), a);
                var aSecond = live(second.url(), a);
                var bClient = live(second.url(), b)) {
            var bOrder = placeConfirmed(b);
            assertThat(orders.move(b.kitchen(), bOrder, OrderStatus.ACCEPTED).status())
                    .isEqualTo(200);
            // B's events have gone through Redis before A's order exists: both instances heard them first.
            bClient.eventsUntil(bOrder, "ACCEPTED");
            var aOrder = placeConfirmed(a);

            for (var client : List.of(aFirst, aSecond)) {
                var received = client.eventsUntil(aOrder, "CONFIRMED");
                assertThat(received)
                        .extracting(m -> m.json().path("orderId").asString())
                        .containsOnly(aOrder);
            }
        }
    }

    @Test
    void reconnectingWithASequenceNumberReceivesExactlyTheMissedEventsInOrder() {
        var tenant = newTenant("resume");
        String orderId;
        long lastSeen;
        try (var client = live(stack.comanda().apiUrl(), tenant)) {
            orderId = placeConfirmed(tenant);
            var received = client.eventsUntil(orderId, "CONFIRMED");
            lastSeen = received.getLast().seq();
        }
        move(tenant, orderId, OrderStatus.ACCEPTED);
        move(tenant, orderId, OrderStatus.PREPARING);
        var missed = stack.jdbc()
                .sql("""
                        SELECT CONCAT(tenant_seq, ' ', step)
                        FROM order_events
                        WHERE tenant_id = ? AND tenant_seq > ?
                        ORDER BY tenant_seq
                        """)
                .params(tenant.id(), lastSeen)
                .query(String.class)
                .list();

        try (var client = EventStreamClient.withHeader(second.url(), tenant.kitchen(), "?since=" + lastSeen)) {
            var caughtUp = client.catchUp();

            assertThat(caughtUp)
                    .extracting(m -> m.seq() + " " + m.json().path("step").asString())
                    .containsExactlyElementsOf(missed);
            assertThat(missed).last().isEqualTo((lastSeen + missed.size()) + " PREPARING");
            assertThat(seqs(caughtUp)).first().isEqualTo(lastSeen + 1);
            move(tenant, orderId, OrderStatus.READY);
            var live = client.eventsUntil(orderId, "READY");
            assertThat(live).extracting(Received::seq).first().isEqualTo(lastSeen + missed.size() + 1);
        }
    }

    @Test
    void aClientThatMissedMoreThanTheCatchUpLimitIsToldToReloadAndThenFollowsLive() {
        var tenant = newTenant("reset");
        var orderId = placeConfirmed(tenant);
        move(tenant, orderId, OrderStatus.ACCEPTED);
        var current = stack.jdbc()
                .sql("SELECT last_seq FROM order_event_counters WHERE tenant_id = ?")
                .param(tenant.id())
                .query(Long.class)
                .single();
        assertThat(current).isGreaterThan(MAX_CATCH_UP);

        try (var client = EventStreamClient.withHeader(second.url(), tenant.kitchen(), "?since=0")) {
            assertThat(client.next().type()).isEqualTo("hello");
            var reset = client.next();
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.seq()).isEqualTo(current);
            var caughtUp = client.next();
            assertThat(caughtUp.type()).isEqualTo("caught-up");
            assertThat(caughtUp.seq()).isEqualTo(current);
            move(tenant, orderId, OrderStatus.PREPARING);

            assertThat(client.eventsUntil(orderId, "PREPARING"))
                    .extracting(Received::seq)
                    .containsExactly(current + 1);
        }
    }

    @Test
    void aClientNarrowedToOneOrderReceivesOnlyThatOrder() {
        var tenant = newTenant("narrow");
        var watched = placeConfirmed(tenant);
        var other = placeConfirmed(tenant);
        try (var client = EventStreamClient.withHeader(
                stack.comanda().apiUrl(), tenant.kitchen(), "?since=0&orderId=" + watched)) {
            var caughtUp = client.catchUp();
            assertThat(caughtUp).isNotEmpty();
            move(tenant, other, OrderStatus.ACCEPTED);
            move(tenant, watched, OrderStatus.ACCEPTED);

            var live = client.eventsUntil(watched, "ACCEPTED");

            assertThat(caughtUp)
                    .extracting(m -> m.json().path("orderId").asString())
                    .containsOnly(watched);
            assertThat(live)
                    .extracting(m -> m.json().path("orderId").asString())
                    .containsOnly(watched);
        }
    }

    @Test
    void aBadTokenInTheHeaderClosesTheStreamWithAReason() {
        try (var client = EventStreamClient.withHeader(stack.comanda().apiUrl(), "cmd_not-a-token", null)) {
            assertThat(client.awaitClosed()).isEqualTo(new Closed(4401, "invalid or revoked token"));
        }
    }

    @Test
    void aBadTokenInTheFirstMessageClosesTheStreamWithAReason() {
        try (var client = EventStreamClient.withoutHeader(stack.comanda().apiUrl(), null)) {
            client.send("{\"type\":\"auth\",\"token\":\"cmd_forged\"}");
            assertThat(client.awaitClosed()).isEqualTo(new Closed(4401, "invalid or revoked token"));
        }
    }

    @Test
    void aBrowserStyleClientAuthenticatesWithItsFirstMessageAndGetsPongs() {
        var tenant = newTenant("browser");
        try (var client = EventStreamClient.withoutHeader(stack.comanda().apiUrl(), null)) {
            client.send("{\"type\":\"auth\",\"token\":\"" + tenant.kitchen() + "\"}");
            var hello = client.next();
            assertThat(hello.type()).isEqualTo("hello");
            assertThat(hello.json().path("tenant").asString()).isEqualTo(tenant.id());
            assertThat(client.next().type()).isEqualTo("caught-up");

            client.send("{\"type\":\"ping\"}");

            assertThat(client.next().type()).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatNeverAuthenticatesIsClosed() {
        try (var client = EventStreamClient.withoutHeader(second.url(), null)) {
            assertThat(client.awaitClosed()).isEqualTo(new Closed(4401, "no auth message in time"));
        }
    }

    @Test
    void theServerPingsAClientThatKeepsAnswering() {
        var tenant = newTenant("heartbeat");
        try (var client = live(second.url(), tenant)) {
            var deadline = Instant.now().plus(EventStreamClient.DEADLINE);
            while (client.pings() < 3 && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(100_000_000);
            }
            assertThat(client.pings()).isGreaterThanOrEqualTo(3);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aRevokedTokenIsClosedAtTheNextHeartbeat() {
        var tenant = newTenant("revoked");
        try (var client = live(second.url(), tenant)) {
            stack.jdbc()
                    .sql("UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP(6) WHERE tenant_id = ? AND role = 'KITCHEN'")
                    .param(tenant.id())
                    .update();

            assertThat(client.awaitClosed()).isEqualTo(new Closed(4401, "token revoked"));
        }
    }

    private static TestTenant newTenant(String name) {
        return stack.newTenant(name).withProduct(SKU, 4_500, 100);
    }

    /** A kitchen client on {@code api}, past its (empty) catch-up. */
    private static EventStreamClient live(String baseUrl, TestTenant tenant) {
        var client = EventStreamClient.withHeader(baseUrl, tenant.kitchen(), null);
        assertThat(client.catchUp()).isEmpty();
        return client;
    }

    private static String placeConfirmed(TestTenant tenant) {
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item(SKU, 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        return orderId;
    }

    /** Moves the order and waits until the read model has recorded the move. */
    private static void move(TestTenant tenant, String orderId, OrderStatus status) {
        var moved = orders.move(tenant.kitchen(), orderId, status);
        assertThat(moved.status()).as("moving to %s: %s", status, moved).isEqualTo(200);
        var rows = new Rows(stack.jdbc());
        var deadline = Instant.now().plus(Orders.DEADLINE);
        while (!rows.orderStatus(orderId).equals(status.name())) {
            assertThat(Instant.now())
                    .as("read model of %s reaching %s", orderId, status)
                    .isBefore(deadline);
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static List<String> summary(List<Received> events) {
        return events.stream()
                .map(m -> m.seq() + " " + m.json().path("status").asString())
                .toList();
    }

    private static List<Long> seqs(List<Received> events) {
        return events.stream().map(Received::seq).toList();
    }
}
