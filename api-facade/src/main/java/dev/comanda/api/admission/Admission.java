package dev.comanda.api.admission;

import dev.comanda.api.error.Overloaded;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.ShedReason;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.order.OrderEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Admission control of placements on this instance: a bounded count of orders in flight to their first
 * answer ({@link AdmissionProperties}). A placement takes a slot before anything of it is written and
 * holds it until the order's first answer is heard among the order events this instance receives for
 * its WebSocket stream (every tenant's Redis topic, read once by EventHub): any status past PENDING, or the PIX charge
 * waiting for its customer, who is not this system's backlog. A placement that finds every slot taken
 * is shed with 503 and Retry-After, unless it retries an order already accepted, which always answers.
 * A slot whose answer was never heard (a lost publish) is given back after {@code inFlightTimeout}. Each
 * restaurant holds at most {@code maxInFlightPerTenant} of the slots: past that its placements answer 429
 * while other restaurants' still go through (with the tenant as the fairness key of the order tasks, the
 * quiet restaurant's orders are not queued behind the busy one's either).
 */
@Component
public class Admission {

    /** The shed answer's {@code reason}: this instance has its limit of orders in flight. */
    public static final String ORDERS_IN_FLIGHT = "orders_in_flight";

    /** The 429's {@code reason}: the order's restaurant has its share of this instance's orders in flight. */
    public static final String TENANT_ORDERS_IN_FLIGHT = "tenant_orders_in_flight";

    /** OrderLedger's timeline step of a PIX charge that waits for the customer to pay. */
    static final String PIX_PENDING = "PIX_PENDING";

    private final AdmissionProperties properties;
    private final ComandaMetrics metrics;
    /** Order ID to its slot: the tenant that holds it, and the {@link System#nanoTime()} it was taken. */
    private final Map<String, Slot> admitted = new ConcurrentHashMap<>();
    /** Slots each tenant holds. */
    private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();

    private record Slot(String tenantId, long takenAt) {}
    /** Slots taken: the entries of {@link #admitted}, and those being added. */
    private final AtomicInteger inFlight = new AtomicInteger();

    Admission(AdmissionProperties properties, ComandaMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        metrics.watchAdmission(inFlight::get);
    }

    /**
     * Takes a slot for the placement of {@code orderId}, or sheds it.
     *
     * @param alreadyAccepted asked only when no slot is to be had: whether the order was accepted before
     *     (a retry whose replay record is gone), which is answered rather than shed
     * @throws Overloaded 429 when the tenant has its share of this instance's orders in flight, 503 when the
     *     instance has its limit
     */
    public void admit(String tenantId, String orderId, BooleanSupplier alreadyAccepted) {
        if (!properties.enabled() || admitted.containsKey(orderId)) {
            return;
        }
        var tenant = perTenant.computeIfAbsent(tenantId, id -> new AtomicInteger());
        if (!takeFor(tenant) && !(expireStale() > 0 && takeFor(tenant))) {
            if (alreadyAccepted.getAsBoolean()) {
                return;
            }
            metrics.placementShed(ShedReason.TENANT_ORDERS_IN_FLIGHT);
            throw new Overloaded(
                    HttpStatus.TOO_MANY_REQUESTS,
                    TENANT_ORDERS_IN_FLIGHT,
                    "this restaurant has " + properties.maxInFlightPerTenant() + " orders on their way to an"
                            + " answer on this instance, its share; retry after " + properties.retryAfterSeconds()
                            + " s",
                    properties.retryAfterSeconds());
        }
        if (!take() && !(expireStale() > 0 && take())) {
            tenant.decrementAndGet();
            if (alreadyAccepted.getAsBoolean()) {
                return;
            }
            metrics.placementShed(ShedReason.ORDERS_IN_FLIGHT);
            throw new Overloaded(
                    ORDERS_IN_FLIGHT,
                    "orders are arriving faster than they are confirmed (" + properties.maxInFlight()
                            + " in flight on this instance); retry after " + properties.retryAfterSeconds() + " s",
                    properties.retryAfterSeconds());
        }
        if (admitted.putIfAbsent(orderId, new Slot(tenantId, System.nanoTime())) != null) {
            // a concurrent retry of the same order holds its slot already
            inFlight.decrementAndGet();
            tenant.decrementAndGet();
        }
    }

    /** Gives the slot of {@code orderId} back: its placement failed, or its first answer was heard. */
    public void release(String orderId) {
        var slot = admitted.remove(orderId);
        if (slot != null) {
            giveBack(slot);
        }
    }

    private void giveBack(Slot slot) {
        inFlight.decrementAndGet();
        var tenant = perTenant.get(slot.tenantId());
        if (tenant != null) {
            tenant.decrementAndGet();
        }
    }

    /** A slot of the tenant's share, unless it holds its share already. */
    private boolean takeFor(AtomicInteger tenant) {
        return takeBelow(tenant, properties.maxInFlightPerTenant());
    }

    /** Orders in flight on this instance now. */
    public int inFlight() {
        return inFlight.get();
    }

    private boolean take() {
        return takeBelow(inFlight, properties.maxInFlight());
    }

    /** Counts one more unless {@code limit} is reached, without a lock. */
    private static boolean takeBelow(AtomicInteger counter, int limit) {
        while (true) {
            var taken = counter.get();
            if (taken >= limit) {
                return false;
            }
            if (counter.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    /** Gives back the slots held longer than the timeout; answers how many. */
    private int expireStale() {
        var cutoff = System.nanoTime() - properties.inFlightTimeout().toNanos();
        var expired = 0;
        for (var entry : admitted.entrySet()) {
            if (entry.getValue().takenAt() - cutoff < 0 && admitted.remove(entry.getKey(), entry.getValue())) {
                giveBack(entry.getValue());
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
