package dev.comanda.api.events;

import org.springframework.web.socket.CloseStatus;

/** Why the server closes an event stream: codes 4000-4999 are the application's (RFC 6455 §7.4.2). */
final class CloseReasons {

    static final CloseStatus BAD_TOKEN = new CloseStatus(4401, "invalid or revoked token");
    static final CloseStatus FORBIDDEN = new CloseStatus(4403, "this token may not follow orders");
    static final CloseStatus REVOKED = new CloseStatus(4401, "token revoked");
    static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4401, "no auth message in time");
    static final CloseStatus UNAVAILABLE =
            CloseStatus.SERVICE_OVERLOAD.withReason("token store unavailable, retry shortly");
    static final CloseStatus PONG_TIMEOUT = new CloseStatus(4408, "no pong in time");
    static final CloseStatus TOO_SLOW = new CloseStatus(4429, "client too slow; reconnect with since");
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("server shutting down");

    private CloseReasons() {}

    static CloseStatus badRequest(String why) {
        return new CloseStatus(4400, why);
    }
}
