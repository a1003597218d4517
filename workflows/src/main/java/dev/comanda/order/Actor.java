package dev.comanda.order;

/** Who asks for a change: the API maps a token's role to one of these; SYSTEM is the workflow itself. */
public enum Actor {
    CUSTOMER,
    KITCHEN,
    ADMIN,
    OPS,
    /** A registered POS device: places and syncs orders, moves them through the kitchen, reads the catalog. */
    DEVICE,
    SYSTEM;

    /** Kitchen moves are for the restaurant's staff and its counter devices. */
    public boolean mayMoveKitchen() {
        return this == KITCHEN || this == ADMIN || this == DEVICE;
    }
}
