package dev.comanda.order;

/**
 * CARD is charged synchronously, PIX is confirmed later by the provider, CASH is paid on delivery.
 * PAID_AT_COUNTER was collected by the restaurant at its counter (cash or a card-present terminal)
 * before the order reached Comanda, typically by a POS working offline: no provider is called, and
 * the order counts the total as charged the moment it is recorded.
 */
public enum PaymentMethod {
    CARD,
    PIX,
    CASH,
    PAID_AT_COUNTER
}
