package dev.comanda.pos.client;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Takes an order at the counter with no network: priced from the catalog as last pulled, kept in the
 * local store as pending_sync and confirmed to the waiter as soon as it is on disk.
 */
public final class OrderTaking {

    /** One line as the waiter keys it. */
    public record Item(String sku, int quantity) {}

    private final LocalStore store;
    private final Clock clock;

    public OrderTaking(LocalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A new order for {@code table} (null for takeaway), paid {@code PAID_AT_COUNTER} or {@code CASH}.
     *
     * @throws IllegalArgumentException for a product the local catalog does not know or has off sale
     */
    public LocalStore.LocalOrder take(String table, String paymentMethod, List<Item> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one item");
        }
        var catalog = store.catalog();
        var payload = LocalStore.JSON.createObjectNode();
        var clientOrderId = UUID.randomUUID().toString();
        var createdAt = clock.instant();
        payload.put("clientOrderId", clientOrderId);
        payload.put("createdAt", createdAt.toString());
        var fulfilment = payload.putObject("fulfilment");
        fulfilment.put("type", table == null ? "TAKEAWAY" : "DINE_IN");
        if (table != null) {
            fulfilment.put("table", table);
        }
        payload.putObject("payment").put("method", paymentMethod);
        var lines = payload.putArray("lines");
        for (var item : items) {
            var product = catalog.get(item.sku());
            if (product == null || !product.active()) {
                throw new IllegalArgumentException(item.sku() + " is not on sale in the local catalog");
            }
            if (item.quantity() < 1) {
                throw new IllegalArgumentException("a quantity is at least 1, got " + item.quantity());
            }
            lines.addObject()
                    .put("sku", product.sku())
                    .put("quantity", item.quantity())
                    .put("unitPriceCents", product.priceCents());
        }
        store.addOrder(clientOrderId, createdAt, payload);
        return new LocalStore.LocalOrder(clientOrderId, createdAt, payload, LocalStore.PENDING, null, null);
    }

    /** The total the waiter announces, from the prices the order was taken at. */
    public static long totalCents(JsonNode payload) {
        long total = 0;
        for (var line : payload.path("lines")) {
            total += line.get("unitPriceCents").asLong() * line.get("quantity").asInt();
        }
        return total;
    }
}
