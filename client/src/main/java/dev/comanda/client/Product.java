package dev.comanda.client;

/** A product of the tenant's catalog: its price, whether it is on sale, and how many can be ordered now. */
public record Product(String sku, String name, Money price, boolean active, int available) {}
