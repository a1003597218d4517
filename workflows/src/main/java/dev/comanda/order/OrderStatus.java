package dev.comanda.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an order. The kitchen moves ({@link #kitchenMovesFrom}) depend on the fulfilment: a
 * delivery goes out and is delivered, a takeaway is picked up, a dine-in order is served. A handed-over
 * order becomes {@link #COMPLETED} on its own.
 */
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

    /** The order has reached its customer; the next and last status is {@link #COMPLETED}. */
    public boolean isHandedOver() {
        return this == DELIVERED || this == PICKED_UP || this == SERVED;
    }

    /** The statuses the kitchen may move an order to from this one. */
    public Set<OrderStatus> kitchenMovesFrom(FulfilmentType fulfilment) {
        return switch (this) {
            case CONFIRMED -> EnumSet.of(ACCEPTED);
            case ACCEPTED -> EnumSet.of(PREPARING);
            case PREPARING -> EnumSet.of(READY);
            case READY ->
                switch (fulfilment) {
                    case DELIVERY -> EnumSet.of(OUT_FOR_DELIVERY);
                    case TAKEAWAY -> EnumSet.of(PICKED_UP);
                    case DINE_IN -> EnumSet.of(SERVED);
                };
            case OUT_FOR_DELIVERY -> EnumSet.of(DELIVERED);
            default -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** Whether {@code actor} may still cancel an order in this status (customer until ACCEPTED, restaurant until READY). */
    public boolean cancellableBy(Actor actor) {
        return switch (actor) {
            case CUSTOMER -> this == PENDING || this == CONFIRMED;
            case KITCHEN, ADMIN, OPS -> this == PENDING || this == CONFIRMED || this == ACCEPTED || this == PREPARING;
            // A device syncs and moves orders; cancelling (a refund) is for staff with a staff token.
            case DEVICE -> false;
            case SYSTEM -> !isTerminal();
        };
    }
}
