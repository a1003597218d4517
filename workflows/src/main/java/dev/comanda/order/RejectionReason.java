package dev.comanda.order;

/** Why an order never got confirmed. */
public enum RejectionReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    PAYMENT_TIMEOUT,
    PAYMENT_UNAVAILABLE,
    RESERVATION_EXPIRED,
    /** A step failed in a way no retry cures; the order was undone. */
    INTERNAL_ERROR,
    /** Its workflow was lost (missing or closed in Temporal); the reconciliation undid it and ended it. */
    RECONCILED
}
