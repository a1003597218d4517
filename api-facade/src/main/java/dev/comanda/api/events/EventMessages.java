package dev.comanda.api.events;

import dev.comanda.order.ActingParty;
import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON messages of the event protocol (docs/realtime.md). */
final class EventMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventMessages() {}

    static String hello(Principal principal, String orderId, long from, long current) {
        var message = new LinkedHashMap<String, Object>();
        message.put("type", "hello");
        message.put("tenant", principal.tenantId());
        message.put("role", principal.role().name());
        message.put("orderId", orderId);
        message.put("since", from);
        message.put("seq", current);
        return JSON.writeValueAsString(message);
    }

    static String event(OrderEvent event) {
        return event(event, true);
    }

    /**
     * An event; {@code by} (who asked for the step) when there is one and {@code staffNames} allows it: a
     * customer's or a guest's stream names only the customer's side itself, never the restaurant's people.
     */
    static String event(OrderEvent event, boolean staffNames) {
        if (event.concernsStock()) {
            return stock(event);
        }
        var message = new LinkedHashMap<String, Object>();
        message.put("type", "event");
        message.put("seq", event.seq());
        message.put("orderId", event.orderId());
        message.put("orderSeq", event.orderSeq());
        message.put("step", event.step());
        message.put("status", event.status().name());
        message.put("at", event.at().toString());
        message.put("detail", event.detail());
        var by = event.by();
        if (by != null
                && (staffNames || by.kind() == ActingParty.Kind.CUSTOMER || by.kind() == ActingParty.Kind.GUEST)) {
            var party = new LinkedHashMap<String, Object>();
            party.put("kind", by.kind() == null ? null : by.kind().name());
            party.put("id", by.id());
            party.put("name", by.name());
            message.put("by", party);
        }
        if (event.publishedAt() != null) {
            message.put("publishedAt", event.publishedAt().toString());
        }
        return JSON.writeValueAsString(message);
    }

    /** A product sold out or back in stock: numbered in the same stream, but about no order. */
    private static String stock(OrderEvent event) {
        var message = new LinkedHashMap<String, Object>();
        message.put("type", "stock");
        message.put("seq", event.seq());
        message.put("step", event.step());
        message.put("sku", event.stock().sku());
        message.put("available", event.stock().available());
        message.put("at", event.at().toString());
        if (event.publishedAt() != null) {
            message.put("publishedAt", event.publishedAt().toString());
        }
        return JSON.writeValueAsString(message);
    }

    static String caughtUp(long seq) {
        return JSON.writeValueAsString(Map.of("type", "caught-up", "seq", seq));
    }

    static String reset(long seq) {
        return JSON.writeValueAsString(Map.of("type", "reset", "seq", seq));
    }

    static String pong() {
        return "{\"type\":\"pong\"}";
    }

    /** A client message, or null when it is not a JSON object. */
    static JsonNode parse(String text) {
        try {
            var node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
