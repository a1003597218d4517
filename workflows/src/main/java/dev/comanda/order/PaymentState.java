package dev.comanda.order;

/** What the workflow knows of the money: charged and refunded amounts and the provider's charge. */
public record PaymentState(
        PaymentMethod method,
        PaymentStatus status,
        String providerChargeId,
        String pixCode,
        Money charged,
        Money refunded) {}
