package dev.comanda.persistence.catalog;

import dev.comanda.order.Money;

/** A product of a tenant's catalog with the stock available to order (cached, or fresh from {@code menu}). */
public record CatalogProduct(String sku, String name, Money price, boolean active, int available) {}
