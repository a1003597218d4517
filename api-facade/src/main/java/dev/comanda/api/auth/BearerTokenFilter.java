package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.Unavailable;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.persistence.tenant.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/v1} requests by opaque bearer token (looked up by its hash, then kept briefly
 * by {@link TokenCache}), binds the
 * caller's tenant and role to the request, and applies the token's rate limit. The payment provider's
 * webhook (signed instead), the operator endpoints (operator key) and the WebSocket event stream (which
 * authenticates itself, so that a bad token gets a close reason and browsers can connect) are exempt.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BearerTokenFilter extends OncePerRequestFilter {

    static final String PRINCIPAL = BearerTokenFilter.class.getName() + ".principal";
    private static final String PREFIX = "Bearer ";
    private static final String OPERATOR_KEY = "X-Operator-Key";

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final TokenCache tokens;
    private final RateLimits rateLimits;
    private final ApiProperties properties;
    private final ProblemWriter problems;
    private final ComandaMetrics metrics;

    BearerTokenFilter(
            TokenCache tokens,
            RateLimits rateLimits,
            ApiProperties properties,
            ProblemWriter problems,
            ComandaMetrics metrics) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/v1/")
                || path.startsWith("/api/v1/payments/webhook")
                // Operator endpoints take the operator key; the ops queue takes an OPS token or the key.
                || (path.startsWith("/api/v1/ops/")
                        && (!path.startsWith("/api/v1/ops/orders") || request.getHeader(OPERATOR_KEY) != null))
                || path.equals("/api/v1/events");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        java.util.Optional<ApiTokens.Principal> principal;
        try {
            principal = header != null && header.startsWith(PREFIX)
                    ? tokens.authenticate(header.substring(PREFIX.length()).trim())
                    : java.util.Optional.empty();
        } catch (RuntimeException e) {
            // The token store is out of reach: retry shortly, rather than a 500 or a false 401. Errors
            // here never reach the controllers' advice, so the filter answers the same 503 itself.
            var dependency = Unavailable.dependencyOf(e).orElseThrow(() -> e);
            log.warn("token lookup failed, {} unavailable: {}", dependency.label(), e.toString());
            problems.writeUnavailable(response, dependency);
            return;
        }
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comanda\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "a valid bearer token is required", "Authorization");
            return;
        }
        if (!withinRateLimit(principal.get(), response)) {
            metrics.rateLimited(principal.get().role());
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded for this token", null);
            return;
        }
        request.setAttribute(PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    /**
     * A Redis token bucket per API token, shared by every api-facade instance ({@link RateLimits}). Without
     * Redis the request goes through unthrottled: refusing every order while the limiter is down would turn
     * a cache outage into a full one.
     */
    private boolean withinRateLimit(ApiTokens.Principal principal, HttpServletResponse response) {
        var limit = properties.rateLimit();
        RateLimits.Outcome outcome;
        try {
            outcome = rateLimits.acquire(principal);
        } catch (RedisException e) {
            log.warn("rate limiter unavailable, request not throttled: {}", e.getMessage());
            return true;
        }
        var resetSeconds = Math.max(1, ceilSeconds(limit.period()));
        response.setHeader("X-RateLimit-Limit", Long.toString(limit.requests()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(outcome.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(resetSeconds));
        if (!outcome.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(resetSeconds));
        }
        return outcome.allowed();
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
