package dev.comanda.inventory;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stock reservations. A reservation is keyed by {@code reservationKey} (unique per order), which makes
 * every method an idempotent state transition: RESERVED → COMMITTED → RESTOCKED, RESERVED → RELEASED.
 */
@ActivityInterface(namePrefix = "Inventory")
public interface InventoryActivities {

    /**
     * Reserves every line or none, for {@code ttl}. Fails with the non-retryable type
     * {@link dev.comanda.order.OrderContract#OUT_OF_STOCK} when any line is short. A repeat with the same
     * key returns the existing reservation.
     */
    @ActivityMethod
    Reservation reserve(ReserveStock request);

    /**
     * Stock leaves inventory for good. Fails with {@link dev.comanda.order.OrderContract#RESERVATION_EXPIRED}
     * when the reservation was released (its TTL passed) before the commit.
     */
    @ActivityMethod
    void commit(String tenantId, String reservationKey);

    /**
     * Undoes the reservation: a RESERVED one is released, a COMMITTED one is restocked, anything else
     * (never reserved, already released) is a no-op. Returns the state it left the reservation in.
     */
    @ActivityMethod
    ReservationStatus release(String tenantId, String reservationKey, String reason);

    /**
     * Sells every line outright (the reservation is COMMITTED at once), for an order already served at
     * the counter: what is available is taken and any shortfall is counted in the stock's deficit
     * instead of refusing. A repeat with the same key returns the first sale.
     */
    @ActivityMethod
    Sale sell(ReserveStock request);

    /** A sale: its reservation, and per SKU the quantity sold beyond what was available. */
    record Sale(
            String reservationKey, ReservationStatus status, Instant soldAt, java.util.Map<String, Integer> deficits) {

        public Sale {
            deficits = deficits == null ? java.util.Map.of() : java.util.Map.copyOf(deficits);
        }
    }

    record ReserveStock(String tenantId, String orderId, String reservationKey, List<Item> items, Duration ttl) {}

    record Item(String sku, int quantity) {}

    record Reservation(String reservationKey, ReservationStatus status, Instant expiresAt) {}
}
