package dev.comanda.api.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.comanda.api.error.ApiException.FieldError;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer for one order of a batch: {@code created} (with the server's order ID), {@code duplicate}
 * (sent before: the first answer is in {@code original}), {@code conflict} (the server applied a rule:
 * each names its rule, its resolution and the server's view) or {@code invalid} (field errors, nothing
 * written). docs/pos-sync.md states the rules.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record SyncResult(
        int index,
        String clientOrderId,
        String result,
        String orderId,
        Long totalCents,
        List<Note> notes,
        List<Conflict> conflicts,
        List<FieldError> errors,
        JsonNode original) {

    static final String CREATED = "created";
    static final String DUPLICATE = "duplicate";
    static final String CONFLICT = "conflict";
    static final String INVALID = "invalid";

    /** Something the server did that the device need not act on (an offline price honoured, say). */
    record Note(String rule, String detail) {}

    /** A rule that made the server decide otherwise than the device asked, and what it decided. */
    record Conflict(String rule, String resolution, String detail, Object server) {}

    static SyncResult invalid(int index, String clientOrderId, List<FieldError> errors) {
        return new SyncResult(index, clientOrderId, INVALID, null, null, List.of(), List.of(), errors, null);
    }

    static SyncResult duplicate(int index, String clientOrderId, String orderId, JsonNode original) {
        return new SyncResult(
                index, clientOrderId, DUPLICATE, orderId, null, List.of(), List.of(), List.of(), original);
    }

    SyncResult at(int newIndex) {
        return new SyncResult(newIndex, clientOrderId, result, orderId, totalCents, notes, conflicts, errors, original);
    }
}
