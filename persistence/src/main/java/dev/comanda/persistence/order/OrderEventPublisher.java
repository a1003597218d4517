package dev.comanda.persistence.order;

import java.time.Instant;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes the events of a read-model transaction to the tenant's Redis topic once that transaction
 * has committed: a rolled-back write publishes nothing, and a subscriber never hears of an event it
 * could not read back from the database. A lost publish (Redis down) loses no event: api-facade
 * fills any hole in the sequence from {@code order_events} (docs/realtime.md).
 */
@Component
@EnableConfigurationProperties(OrderEventProperties.class)
class OrderEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(OrderEventPublisher.class);

    private final RedissonClient redisson;
    private final OrderEventProperties properties;

    OrderEventPublisher(RedissonClient redisson, OrderEventProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    /** Publishes {@code events} (all of one tenant) after the current transaction commits. */
    void publishAfterCommit(String tenantId, List<OrderEvent> events) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(tenantId, events);
            }
        });
    }

    private void publish(String tenantId, List<OrderEvent> events) {
        // Wall-clock time on purpose: it is the start of the commit-to-send latency api-facade measures.
        var now = Instant.now();
        var stamped = events.stream().map(e -> e.publishedAt(now)).toList();
        redisson.getTopic(properties.topic(tenantId), StringCodec.INSTANCE)
                .publishAsync(OrderEventJson.write(stamped))
                .whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        log.warn(
                                "events {}..{} of tenant {} not published; clients will read them from the database",
                                stamped.getFirst().seq(),
                                stamped.getLast().seq(),
                                tenantId,
                                failure);
                    }
                });
    }
}
