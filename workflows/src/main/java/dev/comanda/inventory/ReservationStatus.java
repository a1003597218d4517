package dev.comanda.inventory;

/** States of a reservation; {@link #NONE} is what release reports for a key never reserved. */
public enum ReservationStatus {
    RESERVED,
    COMMITTED,
    RELEASED,
    RESTOCKED,
    NONE
}
