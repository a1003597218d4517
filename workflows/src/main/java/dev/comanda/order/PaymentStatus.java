package dev.comanda.order;

/**
 * Where the order's money stands, as the workflow knows it (the read model's {@code payment_status}).
 * Charges answer {@link #SUCCEEDED} or {@link #PENDING}; refunds {@link #REFUNDED}, {@link #VOIDED} or
 * {@link #NONE} (nothing had been taken).
 */
public enum PaymentStatus {
    /** Nothing charged (yet, or ever). */
    NONE,
    /** A PIX charge waiting for the customer to pay. */
    PENDING,
    /** The provider took the money. */
    SUCCEEDED,
    /** Cash, collected by the courier. */
    ON_DELIVERY,
    /** Taken at the counter before the order reached Comanda (an offline POS order). */
    PAID_AT_COUNTER,
    /** The provider gave the money back. */
    REFUNDED,
    /** A pending PIX charge was cancelled before it was paid. */
    VOIDED,
    /** The counter handed the money back. */
    REFUNDED_AT_COUNTER
}
