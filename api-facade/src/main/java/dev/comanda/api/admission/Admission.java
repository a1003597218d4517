package dev.comanda.api.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import dev.comanda.api.error.Overloaded;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.ShedReason;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.order.OrderEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Admission control of placements on this instance: a bounded count of orders in flight to their first
 * answer ({@link AdmissionProperties}). A placement takes a slot before anything of it is written and
 * holds it until the order's first answer is heard among the order events this instance receives for
 * its WebSocket stream (every tenant's Redis topic, read once by EventHub): any status past PENDING, or the PIX charge
 * waiting for its customer, who is not this system's backlog. A slot whose answer was never heard (a lost
 * publish) is given back after {@code inFlightTimeout}.
 *
 * <p>The instance's limit follows the engine (a {@link Gradient2Limit}, fed each order's time to its
 * answer): it grows while the recent answers come as fast as the long-run average and shrinks when they
 * start to queue, so the engine is kept short of saturation. The restaurants holding orders in flight share that limit
 * fairly: a restaurant over its share ({@code limit / restaurants in flight}, at most {@code
 * maxInFlightPerTenant}) is answered 429 while another restaurant under its share always gets in, so one
 * restaurant's rush neither refuses nor slows the others' orders. Past {@code maxInFlight} the instance
 * answers 503 to everyone. A retry of an order already accepted always answers.
 *
 * <p>Orders in flight bound a restaurant's backlog, not its rate: on an engine that answers in a fraction of a
 * second, a few orders in flight are dozens a second. While another restaurant places too, each is also held
 * to {@code maxRatePerTenant} placements a second (a token bucket per restaurant, on this class's clock, so
 * its tests drive it as they drive the adaptive limit): past it 429 {@code tenant_order_rate}. A restaurant
 * alone may use the whole instance.
 */
@Component
public class Admission {

    /** The shed answer's {@code reason}: this instance has its limit of orders in flight. */
    public static final String ORDERS_IN_FLIGHT = "orders_in_flight";

    /** The 429's {@code reason}: the order's restaurant has its share of this instance's orders in flight. */
    public static final String TENANT_ORDERS_IN_FLIGHT = "tenant_orders_in_flight";

    /** The 429's {@code reason}: the order's restaurant places faster than its rate share while others place. */
    public static final String TENANT_ORDER_RATE = "tenant_order_rate";

    /**
     * How long after its last admitted placement a restaurant counts as placing, for the others' rate share: a
     * restaurant between two orders is still one to leave room for. A shorter window let a flood run free
     * between a quiet restaurant's orders and build the backlog its next order then waited behind.
     */
    static final Duration PLACING_WINDOW = Duration.ofMinutes(5);

    /** OrderLedger's timeline step of a PIX charge that waits for the customer to pay. */
    static final String PIX_PENDING = "PIX_PENDING";

    /**
     * Where an adaptive limit starts, before the first answers are timed: the most one restaurant may hold by
     * default, so a rush right after a start is let in as a fixed limit would, and the limit then learns.
     */
    private static final int INITIAL_LIMIT = 64;

    /**
     * The least an adaptive limit falls to: orders' answers take very different times (a sold-out line is
     * refused in milliseconds, a card waits for its provider), and a limit that read that spread as
     * queueing must still let the engine work.
     */
    private static final int MIN_LIMIT = 8;

    private final AdmissionProperties properties;
    private final ComandaMetrics metrics;
    private final Limit limit;
    private final LongSupplier nanoTime;
    /** Order ID to its slot: the tenant that holds it, when it was taken and how many were in flight then. */
    private final Map<String, Slot> admitted = new ConcurrentHashMap<>();
    /** Slots each tenant holds. */
    private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
    /** Tenants holding at least one slot: the ones the limit is shared by. */
    private final AtomicInteger tenantsInFlight = new AtomicInteger();
    /** Each tenant's pace of placements: the rate share's bucket, and when it last placed. */
    private final Map<String, Pace> paces = new ConcurrentHashMap<>();

    private record Slot(String tenantId, long takenAt, int inFlightThen) {}
    /** Slots taken: the entries of {@link #admitted}, and those being added. */
    private final AtomicInteger inFlight = new AtomicInteger();

    @Autowired
    Admission(AdmissionProperties properties, ComandaMetrics metrics) {
        this(properties, metrics, System::nanoTime);
    }

    Admission(AdmissionProperties properties, ComandaMetrics metrics, LongSupplier nanoTime) {
        this.properties = properties;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.limit = properties.adaptive()
                ? Gradient2Limit.newBuilder()
                        .initialLimit(Math.min(INITIAL_LIMIT, properties.maxInFlight()))
                        .minLimit(Math.min(MIN_LIMIT, properties.maxInFlight()))
                        .maxConcurrency(properties.maxInFlight())
                        .build()
                : FixedLimit.of(properties.maxInFlight());
        metrics.watchAdmission(inFlight::get, this::limit);
    }

    /**
     * Takes a slot for the placement of {@code orderId}, or sheds it.
     *
     * @param alreadyAccepted asked only when no slot is to be had: whether the order was accepted before
     *     (a retry whose replay record is gone), which is answered rather than shed
     * @throws Overloaded 429 when the tenant has its share of this instance's orders in flight, 503 when the
     *     instance has its most
     */
    public void admit(String tenantId, String orderId, BooleanSupplier alreadyAccepted) {
        if (!properties.enabled() || admitted.containsKey(orderId)) {
            return;
        }
        var now = nanoTime.getAsLong();
        var pace = paces.computeIfAbsent(tenantId, id -> new Pace(now));
        if (!withinRate(tenantId, pace, now)) {
            shed(alreadyAccepted, overRate(), ShedReason.TENANT_ORDER_RATE);
            return;
        }
        var tenant = perTenant.computeIfAbsent(tenantId, id -> new AtomicInteger());
        if (!takeFor(tenant) && !(expireStale() > 0 && takeFor(tenant))) {
            // Alone with the whole limit, a restaurant has filled the instance, not a share of it.
            if (tenantsInFlight.get() <= 1 && tenant.get() >= limit()) {
                shed(alreadyAccepted, full(limit()), ShedReason.ORDERS_IN_FLIGHT);
            } else {
                shed(alreadyAccepted, overShare(tenant), ShedReason.TENANT_ORDERS_IN_FLIGHT);
            }
            return;
        }
        var taken = take();
        if (taken < 0 && !(expireStale() > 0 && (taken = take()) >= 0)) {
            leave(tenant);
            shed(alreadyAccepted, full(properties.maxInFlight()), ShedReason.ORDERS_IN_FLIGHT);
            return;
        }
        if (admitted.putIfAbsent(orderId, new Slot(tenantId, now, taken + 1)) != null) {
            // a concurrent retry of the same order holds its slot already
            inFlight.decrementAndGet();
            leave(tenant);
            return;
        }
        pace.placedAt = now;
    }

    /**
     * Whether the tenant may place now as far as its rate goes: under the rate share (a placement taken from its
     * bucket), or over it while no other restaurant places.
     */
    private boolean withinRate(String tenantId, Pace pace, long now) {
        var rate = properties.maxRatePerTenant();
        return rate <= 0 || pace.take(now, rate) || !othersPlacing(tenantId, now);
    }

    /** Whether another restaurant was admitted a placement within the {@link #PLACING_WINDOW}. */
    private boolean othersPlacing(String tenantId, long now) {
        var window = PLACING_WINDOW.toNanos();
        for (var entry : paces.entrySet()) {
            if (!entry.getKey().equals(tenantId) && now - entry.getValue().placedAt < window) {
                return true;
            }
        }
        return false;
    }

    /**
     * A restaurant's pace: a token bucket of placements, refilled at the rate share and holding a second's worth
     * (at least one), and when it was last admitted one.
     */
    private static final class Pace {

        /** When the restaurant was last admitted a placement; a window ago at first, so it starts as not placing. */
        private volatile long placedAt;

        /** Full at first: the first take fills it to its capacity. */
        private double tokens = Double.MAX_VALUE;

        private long refilledAt;

        Pace(long now) {
            this.placedAt = now - PLACING_WINDOW.toNanos();
            this.refilledAt = now;
        }

        /** Takes one placement from the bucket, if it holds one. */
        synchronized boolean take(long now, double rate) {
            var capacity = Math.max(1, rate);
            tokens = Math.min(capacity, tokens + (now - refilledAt) * rate / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private Overloaded overShare(AtomicInteger tenant) {
        return new Overloaded(
                HttpStatus.TOO_MANY_REQUESTS,
                TENANT_ORDERS_IN_FLIGHT,
                "this restaurant has " + tenant.get() + " orders on their way to an answer on this instance, its"
                        + " share while other restaurants place too; retry after " + properties.retryAfterSeconds()
                        + " s",
                properties.retryAfterSeconds());
    }

    private Overloaded overRate() {
        var rate = properties.maxRatePerTenant();
        return new Overloaded(
                HttpStatus.TOO_MANY_REQUESTS,
                TENANT_ORDER_RATE,
                "this restaurant places more than " + (rate == Math.rint(rate) ? String.valueOf((long) rate) : rate)
                        + " orders a second on this instance, its share while other restaurants place too; retry"
                        + " after " + properties.retryAfterSeconds() + " s",
                properties.retryAfterSeconds());
    }

    private Overloaded full(int inFlight) {
        return new Overloaded(
                ORDERS_IN_FLIGHT,
                "orders are arriving faster than they are confirmed (" + inFlight
                        + " in flight on this instance); retry after " + properties.retryAfterSeconds() + " s",
                properties.retryAfterSeconds());
    }

    /** Answers a placement that found no slot, unless it retries an order accepted before. */
    private void shed(BooleanSupplier alreadyAccepted, Overloaded refusal, ShedReason reason) {
        if (alreadyAccepted.getAsBoolean()) {
            return;
        }
        metrics.placementShed(reason);
        throw refusal;
    }

    /**
     * Gives the slot of {@code orderId} back because its first answer was heard: the time it took teaches the
     * limit.
     */
    public void release(String orderId) {
        var slot = admitted.remove(orderId);
        if (slot != null) {
            giveBack(slot);
            learn(slot, false);
        }
    }

    /** Teaches the limit how long the slot's order took to its answer, or that the answer never came. */
    private void learn(Slot slot, boolean dropped) {
        limit.onSample(
                slot.takenAt(), Math.max(1, nanoTime.getAsLong() - slot.takenAt()), slot.inFlightThen(), dropped);
    }

    /** Gives the slot of {@code orderId} back because its placement failed: no answer to learn from. */
    public void withdraw(String orderId) {
        var slot = admitted.remove(orderId);
        if (slot != null) {
            giveBack(slot);
        }
    }

    private void giveBack(Slot slot) {
        inFlight.decrementAndGet();
        var tenant = perTenant.get(slot.tenantId());
        if (tenant != null) {
            leave(tenant);
        }
    }

    private void leave(AtomicInteger tenant) {
        if (tenant.decrementAndGet() == 0) {
            tenantsInFlight.decrementAndGet();
        }
    }

    /** A slot of the tenant's share, unless it holds its share already. */
    private boolean takeFor(AtomicInteger tenant) {
        while (true) {
            var held = tenant.get();
            // A tenant that holds nothing yet is one more to share with.
            var sharing = tenantsInFlight.get() + (held == 0 ? 1 : 0);
            var share = Math.min(properties.maxInFlightPerTenant(), Math.max(1, ceilDiv(limit(), sharing)));
            if (held >= share) {
                return false;
            }
            if (tenant.compareAndSet(held, held + 1)) {
                if (held == 0) {
                    tenantsInFlight.incrementAndGet();
                }
                return true;
            }
        }
    }

    private static int ceilDiv(int dividend, int divisor) {
        return Math.ceilDiv(dividend, Math.max(1, divisor));
    }

    /** Orders in flight on this instance now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The orders in flight the restaurants share now: adapted to the engine's answers, or fixed. */
    public int limit() {
        return Math.min(limit.getLimit(), properties.maxInFlight());
    }

    /** Counts one more unless the instance's most is reached; the count before, or -1 when refused. */
    private int take() {
        while (true) {
            var taken = inFlight.get();
            if (taken >= properties.maxInFlight()) {
                return -1;
            }
            if (inFlight.compareAndSet(taken, taken + 1)) {
                return taken;
            }
        }
    }

    /** Gives back the slots held longer than the timeout; answers how many. */
    private int expireStale() {
        var cutoff = nanoTime.getAsLong() - properties.inFlightTimeout().toNanos();
        var expired = 0;
        for (var entry : admitted.entrySet()) {
            var slot = entry.getValue();
            if (slot.takenAt() - cutoff < 0 && admitted.remove(entry.getKey(), slot)) {
                giveBack(slot);
                // An answer that never came is the engine's drop: the limit backs off.
                learn(slot, true);
                expired++;
            }
        }
        if (expired > 0) {
            metrics.admissionExpired(expired);
        }
        return expired;
    }

    /** Frees the slots of the orders these events (one published batch) answer. */
    public void heard(List<OrderEvent> events) {
        if (admitted.isEmpty()) {
            return;
        }
        for (var event : events) {
            if (answered(event)) {
                release(event.orderId());
            }
        }
    }

    /** Whether the event is the order's first answer: the end of what the system owes it now. */
    static boolean answered(OrderEvent event) {
        // Stock events (sold out, back in stock) share the stream but belong to no order.
        return event.orderId() != null && (event.status() != OrderStatus.PENDING || PIX_PENDING.equals(event.step()));
    }
}
