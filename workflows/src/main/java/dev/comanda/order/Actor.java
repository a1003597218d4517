package dev.comanda.order;

/** Who asks for a change: the API maps a token's role to one of these; SYSTEM is the workflow itself. */
public enum Actor {
    CUSTOMER,
    KITCHEN,
    ADMIN,
    OPS,
    SYSTEM;

    /** Kitchen moves are for the restaurant's staff. */
    public boolean mayMoveKitchen() {
        return this == KITCHEN || this == ADMIN;
    }
}
