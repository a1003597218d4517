package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.tenant.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
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
 * webhook (signed instead) and the operator endpoints (operator key) are exempt.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BearerTokenFilter extends OncePerRequestFilter {

    static final String PRINCIPAL = BearerTokenFilter.class.getName() + ".principal";
    private static final String PREFIX = "Bearer ";

    private final TokenCache tokens;
    private final RateLimits rateLimits;
    private final ApiProperties properties;
    private final ProblemWriter problems;

    BearerTokenFilter(TokenCache tokens, RateLimits rateLimits, ApiProperties properties, ProblemWriter problems) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/v1/")
                || path.startsWith("/api/v1/payments/webhook")
                || path.startsWith("/api/v1/ops/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        var principal = header != null && header.startsWith(PREFIX)
                ? tokens.authenticate(header.substring(PREFIX.length()).trim())
                : java.util.Optional.<ApiTokens.Principal>empty();
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comanda\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "a valid bearer token is required", "Authorization");
            return;
        }
        if (!withinRateLimit(principal.get(), response)) {
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded for this token", null);
            return;
        }
        request.setAttribute(PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    /** A Redis token bucket per API token, shared by every api-facade instance ({@link RateLimits}). */
    private boolean withinRateLimit(ApiTokens.Principal principal, HttpServletResponse response) {
        var limit = properties.rateLimit();
        var outcome = rateLimits.acquire(principal);
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
