package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Fulfilment;
import dev.comanda.client.PaymentMethod;
import dev.comanda.client.PlaceOrderRequest;
import dev.comanda.client.RawResponse;
import dev.comanda.client.Sync.SyncOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A POS device registered by a tenant's admin, speaking the sync endpoints over real HTTP. */
record PosDevice(TestTenant tenant, String id, String token) {

    static PosDevice register(TestTenant tenant, String name) {
        var device = tenant.api().withToken(tenant.admin()).devices().register(name);
        assertThat(device.token()).as("registering %s: %s", name, device).isNotBlank();
        return new PosDevice(tenant, device.id(), device.token());
    }

    RawResponse upload(List<?> orders) {
        return tenant.api().withToken(token).raw().post("/api/v1/sync/orders", Map.of("orders", orders));
    }

    /** Uploads and answers the per-order results, asserting the batch itself was accepted. */
    List<JsonNode> sync(List<?> orders) {
        var response = upload(orders);
        assertThat(response.status()).as("sync: %s", response).isEqualTo(200);
        var results = new ArrayList<JsonNode>();
        response.json().get("results").forEach(results::add);
        return results;
    }

    RawResponse changes(String since) {
        return tenant.api()
                .withToken(token)
                .raw()
                .get("/api/v1/sync/changes" + (since == null ? "" : "?since=" + since));
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
    static SyncOrder order(String clientOrderId, Instant createdAt, String sku, int quantity, long priceCents) {
        return new SyncOrder(
                clientOrderId,
                createdAt,
                Fulfilment.dineIn("7"),
                null,
                PlaceOrderRequest.Payment.of(PaymentMethod.PAID_AT_COUNTER),
                List.of(new SyncOrder.Line(sku, quantity, priceCents)));
    }
}
