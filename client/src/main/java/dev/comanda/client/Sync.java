package dev.comanda.client;

import dev.comanda.client.ProblemException.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The bodies of a POS device's sync calls (docs/pos-sync.md states the rules). */
public final class Sync {

    private Sync() {}

    /** One order a POS took offline: the device's ID for it, its clock then, and the prices the waiter saw. */
    public record SyncOrder(
            String clientOrderId,
            Instant createdAt,
            Fulfilment fulfilment,
            Customer customer,
            PlaceOrderRequest.Payment payment,
            List<Line> lines) {

        public record Line(String sku, int quantity, long unitPriceCents) {}
    }

    /** {@code POST /sync/orders}: each order's result, and how many of each result. */
    public record Upload(List<Result> results, Map<String, Long> counts) {}

    /**
     * The answer for one order of a batch: {@code created}, {@code duplicate} ({@code original} holds the
     * first answer), {@code conflict} (the rules the server applied) or {@code invalid} ({@code errors}).
     */
    public record Result(
            int index,
            String clientOrderId,
            String result,
            String orderId,
            Long totalCents,
            List<Note> notes,
            List<Conflict> conflicts,
            List<FieldError> errors,
            JsonNode original) {}

    public record Note(String rule, String detail) {}

    public record Conflict(String rule, String resolution, String detail, JsonNode server) {}

    /** {@code GET /sync/changes} and {@code /sync/snapshot}: what changed, and the cursor to pull from next. */
    public record Page(
            String cursor, boolean hasMore, List<Event> events, List<JsonNode> orders, List<ProductState> products) {}

    public record Event(
            long seq, String orderId, int orderSeq, String step, String status, Instant at, String detail) {}

    /** A product's current state; {@code tombstone} when it is off sale. */
    public record ProductState(
            String sku,
            String name,
            long priceCents,
            String currency,
            boolean active,
            boolean tombstone,
            int available,
            int deficit,
            long catalogSeq) {}
}
