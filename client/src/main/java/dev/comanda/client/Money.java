package dev.comanda.client;

/** An amount in the currency's minor unit (cents) and its ISO-4217 code. */
public record Money(long cents, String currency) {}
