package dev.comanda.persistence.order;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.OrderStatus;
import dev.comanda.testing.DataTestSupport;
import dev.comanda.testing.TenantTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class OrderEventStreamTests extends DataTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final int WRITERS = 6;
    private static final int ORDERS_PER_WRITER = 8;
    private static final Duration TTL = Duration.ofMinutes(15);

    @Autowired
    OrderReadModelRepository readModel;

    @Autowired
    OrderEventLog log;

    @Autowired
    RedissonClient redisson;

    @Autowired
    OrderEventProperties properties;

    @Autowired
    TransactionTemplate transactions;

    private TenantTopics topics;

    @BeforeEach
    void listen() {
        topics = new TenantTopics(redisson, properties);
    }

    @AfterEach
    void unsubscribe() {
        topics.close();
    }

    @Test
    void newEntriesAreNumberedInTheTenantStreamFromOne() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);

        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(
                order,
                OrderStatus.CONFIRMED,
                List.of(entry(1, OrderStatus.PENDING, T0), entry(2, OrderStatus.CONFIRMED, T0))));

        var events = log.between(tenant, 0, Long.MAX_VALUE, null, 100);
        assertThat(events).extracting(OrderEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(OrderEvent::orderSeq).containsExactly(0, 1, 2);
        assertThat(events.getLast().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(events.getLast().at()).isEqualTo(T0);
        assertThat(log.lastSeq(tenant)).isEqualTo(3);
    }

    @Test
    void repeatedProgressNumbersNoEntryTwice() {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var confirmed = progress(order, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0)));

        readModel.applyProgress(confirmed);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(confirmed);

        assertThat(log.lastSeq(tenant)).isEqualTo(2);
        assertThat(log.between(tenant, 0, Long.MAX_VALUE, null, 100))
                .extracting(OrderEvent::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void concurrentWritersOfOneTenantLeaveNoGapAndNoDuplicate() throws Exception {
        var tenant = newTenant();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(() -> {
                for (int i = 0; i < ORDERS_PER_WRITER; i++) {
                    var order = placed(tenant, T0, 2500);
                    readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
                    readModel.applyProgress(
                            progress(order, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0))));
                }
                return null;
            });
        }

        try (var pool = Executors.newFixedThreadPool(WRITERS)) {
            for (var done : pool.invokeAll(writers)) {
                done.get(60, TimeUnit.SECONDS);
            }
        }

        long total = 2L * WRITERS * ORDERS_PER_WRITER;
        assertThat(log.between(tenant, 0, Long.MAX_VALUE, null, (int) total + 1))
                .extracting(OrderEvent::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void committedEntriesArePublishedOnceToTheTenantTopic() throws Exception {
        var tenant = newTenant();
        var received = topics.subscribe(tenant);
        var order = placed(tenant, T0, 2500);

        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(
                order,
                OrderStatus.ACCEPTED,
                List.of(entry(1, OrderStatus.CONFIRMED, T0), entry(2, OrderStatus.ACCEPTED, T0))));
        readModel.applyProgress(progress(order, OrderStatus.ACCEPTED, List.of(entry(2, OrderStatus.ACCEPTED, T0))));
        readModel.applyProgress(progress(order, OrderStatus.PREPARING, List.of(entry(3, OrderStatus.PREPARING, T0))));

        var batches = List.of(TenantTopics.next(received), TenantTopics.next(received), TenantTopics.next(received));
        // Each batch is published asynchronously after its commit, so batches may arrive in any order
        // (subscribers order by seq and fill holes from the database); each event arrives exactly once.
        assertThat(batches.stream().flatMap(List::stream).map(OrderEvent::seq).sorted())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(batches.get(1)).allSatisfy(e -> {
            assertThat(e.tenantId()).isEqualTo(tenant);
            assertThat(e.orderId()).isEqualTo(order.orderId());
            assertThat(e.publishedAt()).isNotNull();
        });
        assertThat(batches.get(2).getFirst().status()).isEqualTo(OrderStatus.PREPARING);
        assertThat(received).isEmpty();
    }

    @Test
    void aRolledBackWritePublishesNothingAndGivesItsNumbersBack() throws Exception {
        var tenant = newTenant();
        var order = placed(tenant, T0, 2500);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        var received = topics.subscribe(tenant);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    readModel.applyProgress(
                            progress(order, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0))));
                    throw new IllegalStateException("the transaction fails after the write");
                }))
                .hasMessageContaining("fails after the write");
        readModel.applyProgress(progress(order, OrderStatus.ACCEPTED, List.of(entry(2, OrderStatus.ACCEPTED, T0))));

        var published = TenantTopics.next(received);
        assertThat(published).extracting(OrderEvent::seq).containsExactly(2L);
        assertThat(published).extracting(OrderEvent::orderSeq).containsExactly(2);
        assertThat(received).isEmpty();
        assertThat(log.between(tenant, 0, Long.MAX_VALUE, null, 100))
                .extracting(OrderEvent::orderSeq)
                .containsExactly(0, 2);
    }

    @Test
    void aReadNarrowedToOneOrderSkipsTheOthers() {
        var tenant = newTenant();
        var first = placed(tenant, T0, 2500);
        var second = placed(tenant, T0, 2500);
        readModel.insertPlaced(first, entry(0, OrderStatus.PENDING, T0));
        readModel.insertPlaced(second, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(first, OrderStatus.CONFIRMED, List.of(entry(1, OrderStatus.CONFIRMED, T0))));

        assertThat(log.between(tenant, 0, Long.MAX_VALUE, first.orderId(), 100))
                .extracting(OrderEvent::seq)
                .containsExactly(1L, 3L);
        assertThat(log.between(tenant, 1, 2, null, 100))
                .extracting(OrderEvent::seq)
                .containsExactly(2L);
    }
}
