package dev.comanda.order;

/** Why an order was cancelled after it was placed. */
public enum CancellationReason {
    CUSTOMER_REQUEST,
    RESTAURANT_REQUEST,
    NOT_ACCEPTED_IN_TIME,
    WORKFLOW_CANCELLED
}
