package dev.comanda.client;

/** CARD charges at once, PIX waits for the provider's webhook, CASH is collected on hand-over. */
public enum PaymentMethod {
    CARD,
    PIX,
    CASH,
    PAID_AT_COUNTER
}
