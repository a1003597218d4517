package dev.comanda.order;

/** CARD is charged synchronously, PIX is confirmed later by the provider, CASH is paid on delivery. */
public enum PaymentMethod {
    CARD,
    PIX,
    CASH
}
