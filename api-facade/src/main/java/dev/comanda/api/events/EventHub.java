package dev.comanda.api.events;

import dev.comanda.api.admission.Admission;
import dev.comanda.persistence.identity.CustomerOrders;
import dev.comanda.persistence.order.OrderEventJson;
import dev.comanda.persistence.order.OrderEventLog;
import dev.comanda.persistence.order.OrderEventProperties;
import dev.comanda.persistence.tenant.ApiTokens;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RPatternTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * This instance's side of the event fan-out. One Redis subscription to every tenant's topic (a
 * pattern), started before the web server takes connections; each published batch goes to the
 * sessions of its tenant on this instance. A pattern subscription keeps one subscription per instance
 * whatever the number of tenants; the price is that every instance hears every tenant's events, which
 * is small next to the order traffic behind them.
 */
@Component
class EventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final RedissonClient redisson;
    private final OrderEventProperties topics;
    private final EventsProperties properties;
    private final OrderEventLog eventLog;
    private final ApiTokens tokens;
    private final AuthenticationManager credentials;
    private final EventMetrics metrics;
    private final Admission admission;
    private final CustomerOrders customerOrders;
    private final Map<String, EventSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<EventSession>> byTenant = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("event-heartbeat").daemon().factory());
    private volatile RPatternTopic subscription;
    private volatile int listenerId;

    EventHub(
            RedissonClient redisson,
            OrderEventProperties topics,
            EventsProperties properties,
            OrderEventLog eventLog,
            ApiTokens tokens,
            AuthenticationManager credentials,
            EventMetrics metrics,
            Admission admission,
            CustomerOrders customerOrders) {
        this.redisson = redisson;
        this.topics = topics;
        this.properties = properties;
        this.eventLog = eventLog;
        this.tokens = tokens;
        this.credentials = credentials;
        this.metrics = metrics;
        this.admission = admission;
        this.customerOrders = customerOrders;
        metrics.clients(() -> byTenant.values().stream().mapToInt(Set::size).sum());
    }

    /** A new connection, not yet authenticated; {@code since} and {@code orderId} may be null. */
    EventSession open(WebSocketSession socket, Long since, String orderId) {
        var guarded = new ConcurrentWebSocketSessionDecorator(
                socket, (int) properties.sendTimeLimit().toMillis(), properties.sendBufferBytes());
        var session = new EventSession(guarded, this, since, orderId);
        sessions.put(session.id(), session);
        return session;
    }

    EventSession session(String id) {
        return sessions.get(id);
    }

    void closed(String id) {
        var session = sessions.remove(id);
        if (session != null) {
            unregister(session);
        }
    }

    void register(EventSession session) {
        byTenant.computeIfAbsent(session.principal().tenantId(), t -> ConcurrentHashMap.newKeySet())
                .add(session);
    }

    void unregister(EventSession session) {
        sessions.remove(session.id());
        if (session.principal() != null) {
            byTenant.computeIfPresent(session.principal().tenantId(), (t, set) -> {
                set.remove(session);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private void onMessage(CharSequence pattern, CharSequence channel, String json) {
        var tenantId = topics.tenantOf(channel.toString());
        List<dev.comanda.persistence.order.OrderEvent> events;
        try {
            events = OrderEventJson.read(json);
        } catch (RuntimeException e) {
            log.warn("unreadable event batch on {}", channel, e);
            return;
        }
        // The channel names the tenant; a batch claiming another tenant is dropped, never delivered.
        var own = events.stream().filter(e -> e.tenantId().equals(tenantId)).toList();
        if (own.size() != events.size()) {
            log.warn("dropped {} event(s) on {} naming another tenant", events.size() - own.size(), channel);
        }
        // Admission control hears its orders' answers here, from the same batch read once.
        admission.heard(own);
        var listeners = byTenant.get(tenantId);
        if (listeners != null && !own.isEmpty()) {
            listeners.forEach(session -> session.offer(own));
        }
    }

    private void heartbeat() {
        sessions.values().forEach(EventSession::heartbeat);
    }

    @Override
    public void start() {
        var topic = redisson.getPatternTopic(topics.everyTopic(), StringCodec.INSTANCE);
        listenerId = topic.addListener(String.class, this::onMessage);
        subscription = topic;
        var period = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        heartbeats.shutdownNow();
        if (subscription != null) {
            subscription.removeListener(listenerId);
            subscription = null;
        }
        List.copyOf(sessions.values()).forEach(session -> session.close(CloseReasons.GOING_AWAY));
        executor.shutdown();
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    EventsProperties properties() {
        return properties;
    }

    OrderEventLog log() {
        return eventLog;
    }

    /** The store itself, uncached: a heartbeat asks whether the stream's token was revoked since. */
    ApiTokens tokens() {
        return tokens;
    }

    /** Spring Security's check of a bearer token, the same as the API's. */
    AuthenticationManager credentials() {
        return credentials;
    }

    /** Which orders a signed-in customer placed: its stream carries those only. */
    CustomerOrders customerOrders() {
        return customerOrders;
    }

    EventMetrics metrics() {
        return metrics;
    }

    ExecutorService executor() {
        return executor;
    }
}
