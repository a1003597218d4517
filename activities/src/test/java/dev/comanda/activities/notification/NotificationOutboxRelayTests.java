package dev.comanda.activities.notification;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.activities.order.OrderReadModelActivitiesImpl;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.NotificationOutcome;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities.OrderProgress;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.notification.NotificationOutbox.Key;
import dev.comanda.persistence.notification.RestaurantEndpoint;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.testing.DataTestApplication;
import dev.comanda.testing.DataTestSupport;
import dev.comanda.testing.RecordingHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CONFIRMED notification's outbox on a real database, with the read-model activity and the relay as the
 * workers wire them (the restaurant's webhook a real HTTP server, e-mail in LOG mode, which records each
 * recipient's row as SMTP would): queued once with the status it announces, sent right after the commit,
 * picked up by the poll when that send never happened, retried on a backoff, given up after its hour, sent
 * once when two relays race for it, and deleted by the poll a retention after it ended.
 */
@SpringBootTest(classes = {DataTestApplication.class, NotificationOutboxRelayTests.Workers.class})
class NotificationOutboxRelayTests extends DataTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SECRET = "whsec_outbox";

    /**
     * Not a {@code @Configuration}: a context that scans this package (IntegrationBeansTests) must not find it
     * and pull the read model's beans in.
     */
    @ComponentScan({"dev.comanda.activities.notification", "dev.comanda.activities.order"})
    static class Workers {
        @Bean
        RestClient.Builder restClientBuilder() {
            return RestClient.builder();
        }
    }

    @Autowired
    OrderReadModelActivitiesImpl readModel;

    @Autowired
    NotificationOutboxRelay relay;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    GivenUpNotices notices;

    @Autowired
    NotificationDelivery delivery;

    @Autowired
    NotificationProperties properties;

    @Autowired
    RestaurantEndpointRepository endpoints;

    @Autowired
    OrderQueries queries;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JsonMapper json;

    @Autowired
    ComandaMetrics metrics;

    @Autowired
    MeterRegistry meters;

    private final RecordingHttpServer restaurant = new RecordingHttpServer();
    private String tenant;

    @BeforeEach
    void restaurant() {
        tenant = newTenant();
        endpoints.upsert(new RestaurantEndpoint(tenant, restaurant.url("/orders"), SECRET, null));
    }

    @AfterEach
    void stop() {
        restaurant.close();
    }

    @Test
    void confirmingQueuesTheNoticeOnceAndSendsItRightAfterTheCommit() throws Exception {
        var order = placedOrder();
        var progress = confirmed(order);

        readModel.recordProgress(progress);
        // A local activity retried after its write committed: the same progress again.
        readModel.recordProgress(progress);

        assertThat(queries.find(tenant, order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(outboxRows(order)).isOne();
        awaitStatus(order, "SENT");
        assertThat(row(order))
                .containsEntry("payload", null)
                .containsEntry("attempts", 1)
                .containsEntry("last_error", null);
        assertThat(restaurant.received()).hasSize(1);
        assertThat(restaurant.received().getFirst().header("Idempotency-Key"))
                .isEqualTo(OrderContract.effectKey(order.orderId(), "notify-confirmed") + ":restaurant-webhook");
        assertThat(json.readTree(restaurant.received().getFirst().body())
                        .at("/type")
                        .asString())
                .isEqualTo("order.confirmed");
        assertThat(sentRecipients(order)).containsExactlyInAnyOrder("ana@example.com", "restaurant-webhook");
    }

    @Test
    void everyNoticeOfAnOrderRidesOnTheWriteOfItsStatusAndIsSentOnceEach() throws Exception {
        var order = placedOrder();
        var sentBefore = relayed(NotificationKind.READY, NotificationOutcome.SENT);

        readModel.recordProgress(confirmed(order));
        awaitStatus(order, "SENT");
        readModel.recordProgress(progress(order, 2, OrderStatus.READY, NotificationKind.READY));
        readModel.recordProgress(progress(order, 2, OrderStatus.READY, NotificationKind.READY));

        assertThat(queries.find(tenant, order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.READY);
        assertThat(outboxRows(order))
                .as("one row per kind, however often a write is retried")
                .isEqualTo(2);
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"SENT".equals(statusOf(order, NotificationKind.READY)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(statusOf(order, NotificationKind.READY)).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT recipient FROM notifications WHERE order_id = ? AND kind = 'READY'"
                                + " AND status = 'SENT'")
                        .param(order.orderId())
                        .query(String.class)
                        .list())
                .contains("ana@example.com");
        assertThat(relayed(NotificationKind.READY, NotificationOutcome.SENT) - sentBefore)
                .isOne();
    }

    @Test
    void aRolledBackReadModelWriteLeavesNoRowAndSendsNothing() throws Exception {
        var order = placedOrder();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            readModel.recordProgress(confirmed(order));
            assertThat(outboxRows(order)).isOne();
            status.setRollbackOnly();
        });

        assertThat(queries.find(tenant, order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(outboxRows(order)).isZero();
        Thread.sleep(500);
        assertThat(restaurant.received()).isEmpty();
    }

    @Test
    void thePollSendsARowWhoseWritersSendNeverHappened() {
        var order = placedOrder();
        var key = queueWithoutFastSend(order);

        relay.relay();
        assertThat(row(order))
                .as("a row younger than the grace is its writer's to send")
                .containsEntry("status", "PENDING");
        backdate(order, Duration.ofSeconds(10));
        assertThat(relay.relay()).isPositive();

        assertThat(row(order)).containsEntry("status", "SENT").containsEntry("payload", null);
        assertThat(restaurant.received()).hasSize(1);
        assertThat(relay.send(key)).as("a SENT row is never sent again").isFalse();
        assertThat(restaurant.received()).hasSize(1);
    }

    @Test
    void aFailedSendIsTriedAgainOnABackoffWithoutResendingWhatWentOut() {
        var order = placedOrder();
        var key = queueWithoutFastSend(order);
        restaurant.answer(503, null);
        var failedBefore = relayed(NotificationKind.CONFIRMED, NotificationOutcome.FAILED);
        var sentBefore = relayed(NotificationKind.CONFIRMED, NotificationOutcome.SENT);

        var took = timed(() -> assertThat(relay.send(key)).isFalse());
        var first = row(order);
        assertThat(first).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(first.get("payload")).as("kept for the retry").isNotNull();
        assertThat(waitBeforeNextAttempt(order))
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(took));
        assertThat(relay.send(key)).as("not due before its backoff").isFalse();

        dueNow(order);
        took = timed(() -> assertThat(relay.send(key)).isFalse());
        assertThat(row(order)).containsEntry("attempts", 2);
        assertThat(waitBeforeNextAttempt(order))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(4).plus(took));
        assertThat(relay.backoff(20)).isEqualTo(Duration.ofMinutes(5));

        restaurant.answer(204, null);
        dueNow(order);
        assertThat(relay.relay()).isPositive();

        assertThat(row(order)).containsEntry("status", "SENT").containsEntry("payload", null);
        assertThat(restaurant.received()).hasSize(3);
        assertThat(sentRecipients(order))
                .as("the customer's e-mail went out at the first attempt and only then")
                .containsExactlyInAnyOrder("ana@example.com", "restaurant-webhook");
        assertThat(relayed(NotificationKind.CONFIRMED, NotificationOutcome.FAILED) - failedBefore)
                .isEqualTo(2);
        assertThat(relayed(NotificationKind.CONFIRMED, NotificationOutcome.SENT) - sentBefore)
                .isOne();
        assertThat(jdbc.sql("SELECT attempts FROM notifications WHERE order_id = ? AND channel = 'EMAIL'")
                        .param(order.orderId())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void aNotificationStillUnsentAnHourAfterItsQueueingIsGivenUp() {
        var unsent = placedOrder();
        queueWithoutFastSend(unsent);
        backdate(unsent, Duration.ofMinutes(61));
        var failing = placedOrder();
        var failingKey = queueWithoutFastSend(failing);
        backdate(failing, Duration.ofMinutes(61));
        restaurant.answer(503, null);
        var gaveUpBefore = relayed(NotificationKind.CONFIRMED, NotificationOutcome.GAVE_UP);

        // Claimed just before the poll gave it up: its failure is its last attempt.
        assertThat(relay.send(failingKey)).isFalse();
        relay.relay();

        assertThat(row(failing)).containsEntry("status", "GAVE_UP").containsEntry("payload", null);
        assertThat(row(unsent)).containsEntry("status", "GAVE_UP").containsEntry("payload", null);
        assertThat(row(unsent).get("last_error")).isEqualTo("never sent");
        assertThat(restaurant.received())
                .as("only the failing row's one attempt")
                .hasSize(1);
        assertThat(relayed(NotificationKind.CONFIRMED, NotificationOutcome.GAVE_UP) - gaveUpBefore)
                .isEqualTo(2);
    }

    /** The operator's retry (POST /ops/orders/{id}/retry, action NOTIFICATION) once the restaurant is back. */
    @Test
    void aNotificationThatGaveUpIsSentAgainOnRequestOnceAndOnlyWhenItGaveUp() throws Exception {
        var order = placedOrder();
        var key = queueWithoutFastSend(order);
        backdate(order, Duration.ofMinutes(61));
        restaurant.answer(503, null);
        assertThat(relay.send(key)).isFalse();
        relay.relay();
        assertThat(row(order)).containsEntry("status", "GAVE_UP").containsEntry("payload", null);
        var now = confirmed(order).notice().order();
        restaurant.answer(200, null);

        assertThat(notices.sendAgain(NotificationKind.CONFIRMED, now)).isTrue();

        awaitStatus(order, "SENT");
        assertThat(row(order)).containsEntry("payload", null).containsEntry("attempts", 1);
        assertThat(restaurant.received())
                .as("the attempt that failed, and this one")
                .hasSize(2);
        assertThat(restaurant.received().getLast().header("Idempotency-Key"))
                .isEqualTo(OrderContract.effectKey(order.orderId(), "notify-confirmed") + ":restaurant-webhook");
        // Sent now, and READY never queued: neither is sent by asking.
        assertThat(notices.sendAgain(NotificationKind.CONFIRMED, now)).isFalse();
        assertThat(notices.sendAgain(NotificationKind.READY, now)).isFalse();
        assertThat(outbox.status(new Key(order.tenantId(), order.orderId(), "READY")))
                .isEmpty();
        assertThat(restaurant.received()).hasSize(2);
    }

    @Test
    void twoRelaysRacingForARowSendItOnce() throws Exception {
        var order = placedOrder();
        queueWithoutFastSend(order);
        backdate(order, Duration.ofSeconds(10));
        var other = new NotificationOutboxRelay(outbox, delivery, properties, json, metrics);
        var barrier = new CyclicBarrier(2);
        Callable<Integer> first = () -> {
            barrier.await(5, TimeUnit.SECONDS);
            return relay.relay();
        };
        Callable<Integer> second = () -> {
            barrier.await(5, TimeUnit.SECONDS);
            return other.relay();
        };
        try (var threads = Executors.newFixedThreadPool(2)) {
            var a = threads.submit(first);
            var b = threads.submit(second);
            assertThat(a.get(10, TimeUnit.SECONDS) + b.get(10, TimeUnit.SECONDS))
                    .isPositive();
        } finally {
            other.destroy();
        }

        assertThat(row(order)).containsEntry("status", "SENT").containsEntry("attempts", 1);
        assertThat(restaurant.received()).hasSize(1);
    }

    @Test
    void thePollDeletesTheRowsThatEndedLongerAgoThanTheRetentionAndKeepsTheRest() {
        var retention = properties.outbox().retention();
        // A backlog of more rows than one delete statement takes, as a first run after a long time would find.
        var backlog = endedRows(NotificationOutboxRelay.DELETES_PER_STATEMENT + 1, retention.plusDays(1));
        var sentLongAgo = sent(placedOrder());
        var gaveUpLongAgo = placedOrder();
        var gaveUpKey = queueWithoutFastSend(gaveUpLongAgo);
        outbox.claim(gaveUpKey, properties.claimLease()).orElseThrow();
        outbox.markGaveUp(gaveUpKey, "the restaurant's webhook answered 503");
        var erasedLongAgo = placedOrder();
        queueWithoutFastSend(erasedLongAgo);
        outbox.erase(tenant, List.of(erasedLongAgo.orderId()));
        var sentRecently = sent(placedOrder());
        var failing = placedOrder();
        var failingKey = queueWithoutFastSend(failing);
        restaurant.answer(503, null);
        assertThat(relay.send(failingKey)).isFalse();
        jdbc.sql("UPDATE notification_outbox SET next_attempt_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 1 DAY)"
                        + " WHERE order_id = ?")
                .param(failing.orderId())
                .update();
        var queuedLongAgo = placedOrder();
        queueWithoutFastSend(queuedLongAgo);
        backdate(queuedLongAgo, retention.plusDays(1));
        assertThat(row(gaveUpLongAgo)).containsEntry("status", "GAVE_UP");
        assertThat(row(erasedLongAgo)).containsEntry("status", "ERASED");
        assertThat(row(failing)).containsEntry("status", "FAILED");
        for (var order : List.of(sentLongAgo, gaveUpLongAgo, erasedLongAgo)) {
            endedAgo(order, retention.plusMinutes(1));
        }
        endedAgo(sentRecently, retention.minusMinutes(1));

        relay.relay();

        assertThat(outboxRows(sentLongAgo)).isZero();
        assertThat(outboxRows(gaveUpLongAgo)).isZero();
        assertThat(outboxRows(erasedLongAgo)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE tenant_id = ?")
                        .param(backlog)
                        .query(Integer.class)
                        .single())
                .as("the whole backlog, over more than one statement")
                .isZero();
        assertThat(row(sentRecently)).containsEntry("status", "SENT");
        assertThat(row(failing)).as("still being tried").containsEntry("status", "FAILED");
        assertThat(row(queuedLongAgo))
                .as("queued long ago, it ended (gave up) in this very poll: kept for the retention from now")
                .containsEntry("status", "GAVE_UP");
        assertThat(row(queuedLongAgo).get("ended_at")).isNotNull();
    }

    /** The order's notification sent by the relay, as a SENT row. */
    private PlaceOrder sent(PlaceOrder order) {
        assertThat(relay.send(queueWithoutFastSend(order))).isTrue();
        assertThat(row(order)).containsEntry("status", "SENT");
        return order;
    }

    /** The row ended {@code ago}. */
    private void endedAgo(PlaceOrder order, Duration ago) {
        assertThat(jdbc.sql("UPDATE notification_outbox SET ended_at = ? WHERE order_id = ? AND ended_at IS NOT NULL")
                        .params(SqlTimes.toSql(Instant.now().minus(ago)), order.orderId())
                        .update())
                .isOne();
    }

    /** {@code count} SENT rows of a tenant of their own, each ended {@code ago}; answers the tenant. */
    private String endedRows(int count, Duration ago) {
        var backlogTenant = newTenant();
        var endedAt = SqlTimes.toSql(Instant.now().minus(ago));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                jdbc.sql("""
                                INSERT INTO notification_outbox
                                    (tenant_id, order_id, kind, status, attempts, sent_at, ended_at, created_at)
                                VALUES (?, ?, 'CONFIRMED', 'SENT', 1, ?, ?, ?)
                                """)
                        .params(backlogTenant, "%032x".formatted(i), endedAt, endedAt, endedAt)
                        .update();
            }
        });
        return backlogTenant;
    }

    private PlaceOrder placedOrder() {
        var order = placed(tenant, T0, 2500);
        readModel.recordPlaced(order, entry(0, OrderStatus.PENDING, T0));
        return order;
    }

    private static OrderProgress confirmed(PlaceOrder order) {
        return progress(order, 1, OrderStatus.CONFIRMED, NotificationKind.CONFIRMED);
    }

    /** The write of {@code status} as the workflow makes it, carrying the notice of {@code kind}. */
    private static OrderProgress progress(PlaceOrder order, int entry, OrderStatus status, NotificationKind kind) {
        var entries = List.of(entry(entry, status, T0.plusSeconds(entry)));
        var state = OrderState.of(order, status, null, null, null, null, List.of(), entries);
        var notice = new Notification(
                OrderContract.effectKey(order.orderId(), "notify-" + kind.name().toLowerCase()), kind, state);
        return new OrderProgress(order.tenantId(), order.orderId(), status, null, null, null, entries, notice);
    }

    /** How many sends of {@code kind} came to {@code outcome}, by the counter ops watch. */
    private double relayed(NotificationKind kind, NotificationOutcome outcome) {
        var counter = meters.find("comanda.notifications")
                .tag("kind", kind.name().toLowerCase())
                .tag("outcome", outcome.name().toLowerCase())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** The row as a worker that died right after the commit left it. */
    private Key queueWithoutFastSend(PlaceOrder order) {
        var key = new Key(order.tenantId(), order.orderId(), "CONFIRMED");
        var payload = json.writeValueAsString(confirmed(order).notice());
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.queue(key, payload));
        return key;
    }

    private void backdate(PlaceOrder order, Duration by) {
        jdbc.sql(
                        "UPDATE notification_outbox SET created_at = DATE_SUB(created_at, INTERVAL ? SECOND) WHERE order_id = ?")
                .params(by.toSeconds(), order.orderId())
                .update();
    }

    private void dueNow(PlaceOrder order) {
        jdbc.sql("UPDATE notification_outbox SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)"
                        + " WHERE order_id = ?")
                .param(order.orderId())
                .update();
    }

    /**
     * How long {@code send} took, and a millisecond for the clock's grain: the claim and the failure's mark are
     * both stamped within it, so the backoff measured from the claim is that much longer at most.
     */
    private static Duration timed(Runnable send) {
        var started = System.nanoTime();
        send.run();
        return Duration.ofNanos(System.nanoTime() - started).plusMillis(1);
    }

    /** From the claim of the last attempt to the next one's due time: that attempt's send, then the backoff. */
    private Duration waitBeforeNextAttempt(PlaceOrder order) {
        var micros = jdbc.sql("SELECT TIMESTAMPDIFF(MICROSECOND, claimed_at, next_attempt_at) FROM notification_outbox"
                        + " WHERE order_id = ?")
                .param(order.orderId())
                .query(Long.class)
                .single();
        return Duration.ofNanos(micros * 1000);
    }

    private int outboxRows(PlaceOrder order) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE tenant_id = ? AND order_id = ?")
                .params(order.tenantId(), order.orderId())
                .query(Integer.class)
                .single();
    }

    private List<String> sentRecipients(PlaceOrder order) {
        return jdbc.sql(
                        "SELECT recipient FROM notifications WHERE order_id = ? AND kind = 'CONFIRMED' AND status = 'SENT'")
                .param(order.orderId())
                .query(String.class)
                .list();
    }

    private Map<String, Object> row(PlaceOrder order) {
        return jdbc.sql(
                        "SELECT status, payload, attempts, last_error, ended_at FROM notification_outbox WHERE order_id = ?")
                .param(order.orderId())
                .query()
                .singleRow();
    }

    private String statusOf(PlaceOrder order, NotificationKind kind) {
        return jdbc.sql("SELECT status FROM notification_outbox WHERE order_id = ? AND kind = ?")
                .params(order.orderId(), kind.name())
                .query(String.class)
                .single();
    }

    private void awaitStatus(PlaceOrder order, String status) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status.equals(row(order).get("status")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(row(order)).containsEntry("status", status);
    }
}
