package dev.comanda.api.events;

import dev.comanda.api.auth.Roles;
import dev.comanda.api.error.Unavailable;
import dev.comanda.api.identity.CustomerAuthentication;
import dev.comanda.api.identity.GuestAuthentication;
import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's stream. Everything that sends to the client or reads its position runs as a task on
 * its mailbox, one task at a time (an actor on virtual threads), so catch-up, live events and
 * heartbeats never interleave, and {@link #lastSeq} needs no lock.
 *
 * <p>The rule that makes the stream exact: {@link #lastSeq} is the tenant-stream number the client
 * is known to have (sent, or skipped as not its order). An event at or below it is a duplicate and
 * dropped; an event beyond {@code lastSeq + 1} means events were missed (a publish reordered or lost)
 * and they are read from the database first. Numbers are gap-free in commit order, so the database
 * always has them.
 */
final class EventSession {

    private static final Logger log = LoggerFactory.getLogger(EventSession.class);
    private static final String API_KEY_PREFIX = "cmd_";
    /** Orders a customer's stream remembers as its own or not; past this many, it forgets and asks again. */
    private static final int REMEMBERED_ORDERS = 10_000;

    private final WebSocketSession socket;
    private final EventHub hub;
    private final Long since;
    /** The one order followed, or null for all of the tenant's; a guest's is its order, set at authentication. */
    private volatile String orderId;
    /** A signed-in customer's account: the stream carries the orders it placed only. Null for anyone else. */
    private volatile Long customerId;
    /** A customer or a guest: events carry who asked for a step only when it was the customer's side itself. */
    private volatile boolean customerSide;
    // A customer's stream's knowledge of which orders are its own (an order's owner never changes); only
    // ever touched by tasks of the mailbox, one at a time.
    private final Set<String> ownOrders = new HashSet<>();
    private final Set<String> othersOrders = new HashSet<>();

    private final Instant openedAt = Instant.now();
    private final Queue<Task> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Principal principal;
    // Kept in memory only, to notice a revocation; never logged.
    private volatile String token;
    private volatile Instant lastPong = Instant.now();
    private long lastSeq;
    private boolean started;

    /** A step of the stream; a failed send ends it. */
    @FunctionalInterface
    private interface Task {
        void run() throws IOException;
    }

    EventSession(WebSocketSession socket, EventHub hub, Long since, String orderId) {
        this.socket = socket;
        this.hub = hub;
        this.since = since;
        this.orderId = orderId;
    }

    String id() {
        return socket.getId();
    }

    Principal principal() {
        return principal;
    }

    /** Binds the client to its token's tenant and starts its stream; closes it when the token is bad. */
    void authenticate(String rawToken) {
        if (rawToken == null || rawToken.isBlank()) {
            close(CloseReasons.BAD_TOKEN);
            return;
        }
        Authentication found;
        try {
            found = hub.credentials().authenticate(new BearerTokenAuthenticationToken(rawToken));
        } catch (AuthenticationException e) {
            close(Unavailable.dependencyOf(e).isPresent() ? CloseReasons.UNAVAILABLE : CloseReasons.BAD_TOKEN);
            return;
        }
        if (!(found.getPrincipal() instanceof Principal tenantCaller) || !mayFollow(found)) {
            close(CloseReasons.FORBIDDEN);
            return;
        }
        if (found instanceof GuestAuthentication guest) {
            if (orderId != null && !orderId.equals(guest.orderId())) {
                // Another order, whether it exists or not: the same answer as for an order that never did.
                close(CloseReasons.badRequest("orderId is not this token's order"));
                return;
            }
            orderId = guest.orderId();
            customerSide = true;
        }
        if (found instanceof CustomerAuthentication customer) {
            if (orderId != null && !owns(tenantCaller.tenantId(), customer.customerId(), orderId)) {
                close(CloseReasons.badRequest("orderId is not this token's order"));
                return;
            }
            customerId = customer.customerId();
            customerSide = true;
        }
        token = rawToken;
        principal = tenantCaller;
        submit(this::start);
    }

    /**
     * Swaps the stream's token for a fresher one of the same caller (an access token refreshed before it
     * expires), so the next heartbeat checks that one; a token of anyone else closes the stream.
     */
    void reauthenticate(String rawToken) {
        try {
            var again = rawToken == null || rawToken.isBlank()
                    ? null
                    : hub.credentials().authenticate(new BearerTokenAuthenticationToken(rawToken));
            if (again != null
                    && again.getPrincipal() instanceof Principal same
                    && same.equals(principal)
                    && sameKind(again)) {
                token = rawToken;
                return;
            }
        } catch (AuthenticationException e) {
            if (Unavailable.dependencyOf(e).isPresent()) {
                return;
            }
        }
        close(CloseReasons.BAD_TOKEN);
    }

    /** A fresh token of the same kind of caller: a customer's for a customer, a person's for a person, ... */
    private boolean sameKind(Authentication again) {
        return (again instanceof CustomerAuthentication) == (customerId != null)
                && (again instanceof GuestAuthentication) == (customerSide && customerId == null);
    }

    private boolean owns(String tenantId, long customer, String order) {
        try {
            return hub.customerOrders().owns(tenantId, customer, order);
        } catch (RuntimeException e) {
            log.info("event stream {}: could not check the order's owner: {}", id(), e.toString());
            return false;
        }
    }

    /** A publishable key only reads the menu and places orders: it follows no order. */
    private static boolean mayFollow(Authentication caller) {
        return caller.getAuthorities().stream()
                .noneMatch(authority -> authority.getAuthority().equals(Roles.authority(Roles.STOREFRONT)));
    }

    /** Live events of this client's tenant, as published. */
    void offer(List<OrderEvent> events) {
        submit(() -> deliver(events));
    }

    void ping() {
        submit(() -> sendControl(EventMessages.pong()));
    }

    void ponged() {
        lastPong = Instant.now();
    }

    void heartbeat() {
        submit(this::checkAlive);
    }

    void close(CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            hub.unregister(this);
            try {
                socket.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("closing event stream {} failed", id(), e);
            }
        }
    }

    private void submit(Task task) {
        if (closed.get()) {
            return;
        }
        if (pending.incrementAndGet() > hub.properties().maxPending()) {
            close(CloseReasons.TOO_SLOW);
            return;
        }
        mailbox.add(task);
        if (draining.compareAndSet(false, true)) {
            hub.executor().execute(this::drain);
        }
    }

    private void drain() {
        do {
            Task task;
            while ((task = mailbox.poll()) != null) {
                pending.decrementAndGet();
                if (closed.get()) {
                    continue;
                }
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    log.info("event stream {} failed; closing it", id(), e);
                    close(CloseStatus.SERVER_ERROR);
                }
            }
            draining.set(false);
        } while (!mailbox.isEmpty() && draining.compareAndSet(false, true));
    }

    /** Registers for live events, then sends what the client missed: live ones queue behind it. */
    private void start() throws IOException {
        var tenantId = principal.tenantId();
        hub.register(this);
        long current = hub.log().lastSeq(tenantId);
        long from = since == null ? current : Math.min(since, current);
        sendControl(EventMessages.hello(principal, orderId, from, current));
        if (current - from > hub.properties().maxCatchUp()) {
            lastSeq = current;
            sendControl(EventMessages.reset(current));
        } else {
            lastSeq = from;
            fill(current);
        }
        sendControl(EventMessages.caughtUp(lastSeq));
        started = true;
    }

    private void deliver(List<OrderEvent> events) throws IOException {
        if (customerId != null && orderId == null) {
            learnOwners(events);
        }
        for (var event : events) {
            if (event.seq() <= lastSeq) {
                continue;
            }
            if (event.seq() > lastSeq + 1) {
                fill(event.seq() - 1);
            }
            if (follows(event)) {
                sendEvent(event);
            }
            lastSeq = event.seq();
        }
    }

    /** Whether this client gets the event: its order's, its customer's orders', or any of the tenant's. */
    private boolean follows(OrderEvent event) {
        if (orderId != null) {
            return orderId.equals(event.orderId());
        }
        if (customerId != null) {
            return !event.concernsStock() && ownOrders.contains(event.orderId());
        }
        return true;
    }

    /** Asks the store, once per batch, which of its orders this customer has not been told about are its own. */
    private void learnOwners(List<OrderEvent> events) {
        var unknown = new LinkedHashSet<String>();
        for (var event : events) {
            var order = event.orderId();
            if (order != null && !ownOrders.contains(order) && !othersOrders.contains(order)) {
                unknown.add(order);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        if (ownOrders.size() + othersOrders.size() + unknown.size() > REMEMBERED_ORDERS) {
            othersOrders.clear();
        }
        var own = hub.customerOrders().ownedAmong(principal.tenantId(), customerId, unknown);
        for (var order : unknown) {
            (own.contains(order) ? ownOrders : othersOrders).add(order);
        }
    }

    /** Sends the client's events numbered up to {@code upTo} from the database; all of them are committed. */
    private void fill(long upTo) throws IOException {
        var pageSize = hub.properties().pageSize();
        while (lastSeq < upTo) {
            var page = hub.log().between(principal.tenantId(), lastSeq, upTo, orderId, customerId, pageSize);
            for (var event : page) {
                sendEvent(event);
            }
            lastSeq = page.size() < pageSize ? upTo : page.getLast().seq();
        }
    }

    private void checkAlive() throws IOException {
        var now = Instant.now();
        if (!started) {
            // A heartbeat queued before authentication may run before start: it only enforces the deadline.
            if (principal == null && now.isAfter(openedAt.plus(hub.properties().authTimeout()))) {
                close(CloseReasons.AUTH_TIMEOUT);
            }
            return;
        }
        if (now.isAfter(lastPong.plus(hub.properties().pongTimeout()))) {
            close(CloseReasons.PONG_TIMEOUT);
            return;
        }
        if (!stillValid()) {
            close(CloseReasons.REVOKED);
            return;
        }
        socket.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
        // A lost publish leaves the last events unsent until the next one arrives: look for them.
        fill(hub.log().lastSeq(principal.tenantId()));
    }

    /**
     * Whether the stream's credential still holds: an API key is asked of MySQL uncached (a revocation
     * closes the stream at the next heartbeat); a person's access token is checked again as a whole
     * (expiry, ended session, changed account): the client reconnects with a fresh one.
     */
    private boolean stillValid() {
        if (token.startsWith(API_KEY_PREFIX)) {
            var still = hub.tokens().authenticate(token);
            return still.isPresent() && still.get().tokenId() == principal.tokenId();
        }
        try {
            return hub.credentials()
                                    .authenticate(new BearerTokenAuthenticationToken(token))
                                    .getPrincipal()
                            instanceof Principal again
                    && again.equals(principal);
        } catch (AuthenticationException e) {
            return Unavailable.dependencyOf(e).isPresent();
        }
    }

    private void sendEvent(OrderEvent event) throws IOException {
        if (customerId != null && event.orderId() != null) {
            ownOrders.add(event.orderId());
        }
        socket.sendMessage(new TextMessage(EventMessages.event(event, !customerSide)));
        hub.metrics().eventSent(event.publishedAt());
    }

    private void sendControl(String json) throws IOException {
        socket.sendMessage(new TextMessage(json));
        hub.metrics().controlSent();
    }
}
