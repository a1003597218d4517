package dev.comanda.order;

import java.time.Instant;

/** The stock reservation of the order: RESERVED, COMMITTED, RELEASED or NONE. */
public record ReservationState(String reservationKey, String status, Instant expiresAt) {}
