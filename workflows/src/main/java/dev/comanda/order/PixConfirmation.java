package dev.comanda.order;

/** The payment provider's confirmation that a PIX charge was paid, relayed by the API's webhook. */
public record PixConfirmation(String providerChargeId) {}
