package dev.comanda.order;

/** How the order reaches the customer; it decides the last kitchen steps. */
public enum FulfilmentType {
    DELIVERY,
    TAKEAWAY,
    DINE_IN
}
