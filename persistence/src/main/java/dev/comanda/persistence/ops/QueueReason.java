package dev.comanda.persistence.ops;

/** Why an order is in the ops queue. */
public enum QueueReason {
    /** REJECTED because a step failed in a way no retry cures. */
    REJECTED_INTERNAL_ERROR,
    /** REJECTED after ten minutes of payment provider trouble. */
    REJECTED_PAYMENT_UNAVAILABLE,
    /** A marketplace push keeps failing (or gave up): retry re-pushes it. */
    MARKETPLACE_FAILING,
    /**
     * A notification of the order (its kind in the detail) gave up after its hour of retries: once the SMTP
     * server or the restaurant's webhook is fixed, retry (action NOTIFICATION) sends it again.
     */
    NOTIFICATION_GAVE_UP,
    /** A rejected or cancelled order whose charge still holds money: retry re-runs the refund. */
    REFUND_PENDING,
    /** CONFIRMED and not accepted for longer than configured. */
    STUCK_NOT_ACCEPTED,
    /** ACCEPTED or PREPARING for longer than configured. */
    STUCK_PREPARING,
    /** PENDING on a PIX payment for longer than configured. */
    STUCK_PIX_PENDING,
    /** The reconciliation left it for a person, or could not repair it. */
    RECONCILIATION,
    /** Its workflow failed in Temporal: retry resets it to its last good workflow task. */
    WORKFLOW_FAILED
}
