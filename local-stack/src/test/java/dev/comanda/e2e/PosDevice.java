package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A POS device registered by a tenant's admin, speaking the sync endpoints over real HTTP. */
record PosDevice(TestTenant tenant, String id, String token) {

    static PosDevice register(TestTenant tenant, String name) {
        var response = tenant.api().post("/api/v1/devices", tenant.admin(), Map.of("name", name));
        assertThat(response.status()).as("registering %s: %s", name, response).isEqualTo(201);
        var body = response.json();
        return new PosDevice(
                tenant, body.get("id").asString(), body.get("token").asString());
    }

    ApiClient.Response upload(List<?> orders) {
        return tenant.api().post("/api/v1/sync/orders", token, Map.of("orders", orders));
    }

    /** Uploads and answers the per-order results, asserting the batch itself was accepted. */
    List<JsonNode> sync(List<?> orders) {
        var response = upload(orders);
        assertThat(response.status()).as("sync: %s", response).isEqualTo(200);
        var results = new ArrayList<JsonNode>();
        response.json().get("results").forEach(results::add);
        return results;
    }

    ApiClient.Response changes(String since) {
        return tenant.api().get("/api/v1/sync/changes" + (since == null ? "" : "?since=" + since), token);
    }

    /**
     * The count {@code count} gives once it reaches {@code expected}, or the last one after
     * {@link Orders#DEADLINE}: a sync answers as soon as each workflow is started, and the read model
     * has the order a moment later, when the workflow recorded it.
     */
    static long awaitCount(java.util.function.LongSupplier count, long expected) {
        var deadline = System.nanoTime() + Orders.DEADLINE.toNanos();
        long seen = count.getAsLong();
        while (seen < expected && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    java.time.Duration.ofMillis(50).toNanos());
            seen = count.getAsLong();
        }
        return seen;
    }

    /** An order as a device takes it offline: dine-in at a table, paid at the counter. */
    static Map<String, Object> order(
            String clientOrderId, Instant createdAt, String sku, int quantity, long priceCents) {
        var line = new LinkedHashMap<String, Object>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPriceCents", priceCents);
        var order = new LinkedHashMap<String, Object>();
        order.put("clientOrderId", clientOrderId);
        order.put("createdAt", createdAt.toString());
        order.put("fulfilment", Map.of("type", "DINE_IN", "table", "7"));
        order.put("payment", Map.of("method", "PAID_AT_COUNTER"));
        order.put("lines", List.of(line));
        return order;
    }
}
