package dev.comanda.api.events;

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
        var message = new LinkedHashMap<String, Object>();
        message.put("type", "event");
        message.put("seq", event.seq());
        message.put("orderId", event.orderId());
        message.put("orderSeq", event.orderSeq());
        message.put("step", event.step());
        message.put("status", event.status().name());
        message.put("at", event.at().toString());
        message.put("detail", event.detail());
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
