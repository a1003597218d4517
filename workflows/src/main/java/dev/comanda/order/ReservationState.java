package dev.comanda.order;

import dev.comanda.inventory.ReservationStatus;
import java.time.Instant;

/** The stock reservation of the order. */
public record ReservationState(String reservationKey, ReservationStatus status, Instant expiresAt) {}
