package dev.comanda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.order.OrderEventJson;
import dev.comanda.persistence.order.OrderEventProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The tenants' Redis topics as a subscriber hears them: each published batch lands in a queue. The
 * listeners are removed on {@link #close()}, so a suite subscribes per test and closes after it.
 */
public final class TenantTopics implements AutoCloseable {

    private static final long RECEIVE_SECONDS = 10;

    private final RedissonClient redisson;
    private final OrderEventProperties properties;
    private final List<Runnable> cleanups = new ArrayList<>();

    public TenantTopics(RedissonClient redisson, OrderEventProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    /** The batches published to {@code tenant}'s topic from now on. */
    public BlockingQueue<List<OrderEvent>> subscribe(String tenant) {
        var received = new LinkedBlockingQueue<List<OrderEvent>>();
        var topic = redisson.getTopic(properties.topic(tenant), StringCodec.INSTANCE);
        var id = topic.addListener(String.class, (channel, json) -> received.add(OrderEventJson.read(json)));
        cleanups.add(() -> topic.removeListener(id));
        return received;
    }

    /** The next batch heard; fails the test when none arrives in time. */
    public static List<OrderEvent> next(BlockingQueue<List<OrderEvent>> received) throws InterruptedException {
        var batch = received.poll(RECEIVE_SECONDS, TimeUnit.SECONDS);
        assertThat(batch).as("a published batch within %ss", RECEIVE_SECONDS).isNotNull();
        return batch;
    }

    @Override
    public void close() {
        cleanups.forEach(Runnable::run);
        cleanups.clear();
    }
}
