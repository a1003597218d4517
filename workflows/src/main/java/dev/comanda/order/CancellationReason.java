package dev.comanda.order;

/** Why an order was cancelled after it was placed. */
public enum CancellationReason {
    CUSTOMER_REQUEST,
    RESTAURANT_REQUEST,
    NOT_ACCEPTED_IN_TIME,
    WORKFLOW_CANCELLED,
    /** Its workflow was lost after confirmation; the reconciliation refunded, restocked and ended it. */
    RECONCILED
}
