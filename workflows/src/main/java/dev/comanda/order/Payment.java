package dev.comanda.order;

/** The payment method chosen and, for cards, the provider's card token (never a card number). */
public record Payment(PaymentMethod method, String cardToken) {}
