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
    String release(String tenantId, String reservationKey, String reason);

    record ReserveStock(String tenantId, String orderId, String reservationKey, List<Item> items, Duration ttl) {}

    record Item(String sku, int quantity) {}

    record Reservation(String reservationKey, String status, Instant expiresAt) {}
}
