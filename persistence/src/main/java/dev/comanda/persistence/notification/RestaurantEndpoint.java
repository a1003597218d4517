package dev.comanda.persistence.notification;

/** Where a restaurant hears of its orders: a signed webhook, an email address, or both (nulls for none). */
public record RestaurantEndpoint(String tenantId, String webhookUrl, String webhookSecret, String email) {}
