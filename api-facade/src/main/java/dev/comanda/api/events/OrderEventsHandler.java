package dev.comanda.api.events;

import dev.comanda.order.OrderContract;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /api/v1/events}: a tenant's order events over WebSocket. The token comes in the upgrade's
 * {@code Authorization: Bearer} header or, for browsers (which cannot set it), in a first
 * {@code {"type":"auth","token":...}} message; never in the URL, which proxies log. {@code since} and
 * {@code orderId} are query parameters. Protocol: docs/realtime.md.
 */
@Component
class OrderEventsHandler extends TextWebSocketHandler {

    static final String PATH = "/api/v1/events";
    private static final String BEARER = "Bearer ";

    private final EventHub hub;

    OrderEventsHandler(EventHub hub) {
        this.hub = hub;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
        var query = UriComponentsBuilder.fromUri(socket.getUri()).build().getQueryParams();
        var sinceText = query.getFirst("since");
        var orderId = query.getFirst("orderId");
        Long since = null;
        if (sinceText != null) {
            try {
                since = Long.parseLong(sinceText);
            } catch (NumberFormatException e) {
                since = -1L;
            }
            if (since < 0) {
                socket.close(CloseReasons.badRequest("since must be a sequence number >= 0"));
                return;
            }
        }
        if (orderId != null && !OrderContract.isOrderId(orderId)) {
            socket.close(CloseReasons.badRequest("orderId is not an order ID"));
            return;
        }
        var session = hub.open(socket, since, orderId);
        var header = socket.getHandshakeHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            session.authenticate(
                    header.startsWith(BEARER)
                            ? header.substring(BEARER.length()).trim()
                            : "");
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        var session = hub.session(socket.getId());
        if (session == null) {
            return;
        }
        var json = EventMessages.parse(message.getPayload());
        var type = json == null ? "" : json.path("type").asString("");
        switch (type) {
            case "ping" -> session.ping();
            case "auth" -> {
                if (session.principal() != null) {
                    // A fresh access token of the same caller (a silent refresh) keeps the stream open.
                    session.reauthenticate(json.path("token").asString(""));
                } else {
                    session.authenticate(json.path("token").asString(""));
                }
            }
            default -> session.close(CloseReasons.badRequest("expected a message of type auth or ping"));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        var session = hub.session(socket.getId());
        if (session != null) {
            session.ponged();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        hub.closed(socket.getId());
    }
}
