package dev.comanda.api.sync;

import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.ApiException.FieldError;
import jakarta.validation.Validator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch: the whole request is refused (400) for what makes the batch itself malformed, ambiguous or
 * too big (an item that is not a JSON object is no order at all: the client sent something else); each
 * order is then read and validated on its own, so one with a field of the wrong type or a broken rule
 * becomes an {@code invalid} result and the others go on.
 */
@Component
class SyncOrderReader {

    private final PosSyncProperties properties;
    private final Validator validator;
    private final JsonMapper json;

    SyncOrderReader(PosSyncProperties properties, Validator validator, JsonMapper json) {
        this.properties = properties;
        this.validator = validator;
        this.json = json;
    }

    /** The orders in batch order, null where {@code results} got an {@code invalid} answer. */
    List<SyncOrder> read(List<JsonNode> batch, SyncResult[] results) {
        if (batch == null || batch.isEmpty()) {
            throw batchError("orders", "must hold at least one order");
        }
        if (batch.size() > properties.maxBatch()) {
            throw batchError(
                    "orders", "holds " + batch.size() + " orders; at most " + properties.maxBatch() + " per batch");
        }
        requireObjects(batch);
        requireDistinctClientIds(batch);
        var parsed = new ArrayList<SyncOrder>();
        for (int i = 0; i < batch.size(); i++) {
            parsed.add(parse(i, batch.get(i), results));
        }
        return parsed;
    }

    /** The order at {@code index}, or null with its {@code invalid} result set. */
    private SyncOrder parse(int index, JsonNode node, SyncResult[] results) {
        var clientId = clientId(node);
        SyncOrder order;
        try {
            order = json.treeToValue(node, SyncOrder.class);
        } catch (JacksonException e) {
            results[index] = SyncResult.invalid(
                    index, clientId, List.of(new FieldError(path(e), "has the wrong type or format")));
            return null;
        }
        var violations = validator.validate(order).stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        if (!violations.isEmpty()) {
            results[index] = SyncResult.invalid(index, clientId, violations);
            return null;
        }
        return order;
    }

    /** An array, a string or null where an order belongs is a malformed request, named by its index. */
    private static void requireObjects(List<JsonNode> batch) {
        for (int i = 0; i < batch.size(); i++) {
            var node = batch.get(i);
            if (node == null || !node.isObject()) {
                throw batchError("orders[" + i + "]", "must be a JSON object: an order");
            }
        }
    }

    /** Two orders under one client ID in one batch cannot both be meant: the whole batch is refused. */
    private static void requireDistinctClientIds(List<JsonNode> batch) {
        var seen = new HashSet<String>();
        for (int i = 0; i < batch.size(); i++) {
            var id = clientId(batch.get(i));
            if (id != null && !seen.add(id)) {
                throw batchError("orders[" + i + "].clientOrderId", "repeats " + id + " from earlier in this batch");
            }
        }
    }

    private static String clientId(JsonNode node) {
        var id = node == null ? null : node.get("clientOrderId");
        return id != null && id.isString() ? id.asString() : null;
    }

    private static ApiException batchError(String field, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** The order as the server understood it, so whitespace or key order never makes two uploads differ. */
    String fingerprint(SyncOrder order) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(order)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "order" : path.toString();
    }
}
