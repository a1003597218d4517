package dev.comanda.api.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser clients on other origins (a delivery site, a QR menu): {@code comanda.api.cors.*}, env
 * {@code COMANDA_API_CORS_*}. None is allowed by default; the WebSocket event stream allows the same
 * origins unless {@code COMANDA_EVENTS_ALLOWED_ORIGINS} says otherwise.
 *
 * @param allowedOrigins origins (or patterns such as {@code https://*.example.com}) whose pages may call
 *     {@code /api/v1}; empty: none, a browser then refuses every cross-origin call
 * @param allowedMethods methods a page may use
 * @param allowedHeaders request headers a page may send: the bearer token, a JSON body, the idempotency key
 * @param exposedHeaders response headers a page may read: where a created resource is, when to retry,
 *     what is left of the rate limit, why a call was refused
 * @param maxAge how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("comanda.api.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "POST", "PUT", "DELETE"}) List<String> allowedMethods,

        @DefaultValue({"Authorization", "Content-Type", "Idempotency-Key"})
        List<String> allowedHeaders,

        @DefaultValue({
            "Location",
            "Retry-After",
            "WWW-Authenticate",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset"
        })
        List<String> exposedHeaders,

        @DefaultValue("1h") Duration maxAge) {}
