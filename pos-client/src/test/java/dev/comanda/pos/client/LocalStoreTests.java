package dev.comanda.pos.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The local store on a real SQLite file. */
class LocalStoreTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void anOrderTakenOfflineIsPendingAfterTheFileIsReopened() {
        var file = dir.resolve("pos.db");
        String clientOrderId;
        try (var store = LocalStore.open(file)) {
            store.applyPage(page("c1", product("PIZZA", 4_000, true), List.of()), false);
            clientOrderId = new OrderTaking(store, CLOCK)
                    .take("7", "PAID_AT_COUNTER", List.of(new OrderTaking.Item("PIZZA", 2)))
                    .clientOrderId();
        }

        try (var reopened = LocalStore.open(file)) {
            assertThat(reopened.pending(10)).singleElement().satisfies(order -> {
                assertThat(order.clientOrderId()).isEqualTo(clientOrderId);
                assertThat(OrderTaking.totalCents(order.payload())).isEqualTo(8_000);
                assertThat(order.payload().get("createdAt").asString()).isEqualTo("2026-12-01T12:00:00Z");
            });
            assertThat(reopened.cursor()).contains("c1");
        }
    }

    @Test
    void aProductOffSaleLocallyCannotBeOrdered() {
        try (var store = LocalStore.open(dir.resolve("pos.db"))) {
            store.applyPage(page("c1", product("SODA", 800, false), List.of()), false);

            assertThatThrownBy(() ->
                            new OrderTaking(store, CLOCK).take(null, "CASH", List.of(new OrderTaking.Item("SODA", 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SODA");
            assertThat(store.pending(10)).isEmpty();
        }
    }

    @Test
    void aPulledOrderNeverGoesBackToAnOlderState() {
        try (var store = LocalStore.open(dir.resolve("pos.db"))) {
            store.applyPage(page("c2", null, List.of(order("o1", "COMPLETED", 9))), false);

            store.applyPage(page("c3", null, List.of(order("o1", "CONFIRMED", 4))), false);

            assertThat(store.serverOrderStatuses()).isEqualTo(Map.of("o1", "COMPLETED"));
            assertThat(store.cursor()).contains("c3");
        }
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        var backoff = new Backoff(6, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(List.of(backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(4)))
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
    }

    private static JsonNode page(String cursor, JsonNode product, List<JsonNode> orders) {
        var page = LocalStore.JSON.createObjectNode();
        page.put("cursor", cursor);
        page.put("hasMore", false);
        var products = page.putArray("products");
        if (product != null) {
            products.add(product);
        }
        page.putArray("orders").addAll(orders);
        page.putArray("events");
        return page;
    }

    private static JsonNode product(String sku, long cents, boolean active) {
        return LocalStore.JSON
                .createObjectNode()
                .put("sku", sku)
                .put("name", sku)
                .put("priceCents", cents)
                .put("currency", "BRL")
                .put("active", active)
                .put("available", 10);
    }

    private static JsonNode order(String id, String status, int seq) {
        return LocalStore.JSON
                .createObjectNode()
                .put("orderId", id)
                .put("status", status)
                .put("orderSeq", seq)
                .put("totalCents", 100);
    }
}
