package dev.comanda.client;

/** Where an order is: PENDING until paid, CONFIRMED, the kitchen's steps, then one of three ends. */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    ACCEPTED,
    PREPARING,
    READY,
    OUT_FOR_DELIVERY,
    DELIVERED,
    PICKED_UP,
    SERVED,
    COMPLETED,
    REJECTED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
