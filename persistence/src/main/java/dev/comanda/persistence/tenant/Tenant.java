package dev.comanda.persistence.tenant;

import java.time.Instant;

/** A restaurant or shop: its slug ID, display name and the currency of its prices. */
public record Tenant(String id, String name, String currency, Instant createdAt) {}
