package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.identity.CustomerAuthentication;
import dev.comanda.api.identity.GuestAuthentication;
import dev.comanda.api.identity.StaffAuthentication;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rate limit of an authenticated tenant caller: a Redis token bucket per API key, device or person ({@link RateLimits}),
 * shared by every api-facade instance. Runs in the API's filter chain right after authentication; not a
 * bean, so the servlet container does not run it on every path as well. Without Redis the request goes
 * through unthrottled: refusing every order while the limiter is down would turn a cache outage into a
 * full one.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimits rateLimits;
    private final ApiProperties properties;
    private final ProblemWriter problems;
    private final ComandaMetrics metrics;

    RateLimitFilter(RateLimits rateLimits, ApiProperties properties, ProblemWriter problems, ComandaMetrics metrics) {
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof Principal principal
                && !withinRateLimit(bucket(authentication, principal), response)) {
            metrics.rateLimited(principal.role());
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded for this token", null);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean withinRateLimit(String bucket, HttpServletResponse response) {
        var limit = properties.rateLimit();
        RateLimits.Outcome outcome;
        try {
            outcome = rateLimits.acquire(bucket);
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

    /** An API key's or device token's ID as before; a person's account apart, so the two never share one. */
    private static String bucket(Authentication authentication, Principal principal) {
        if (authentication instanceof StaffAuthentication) {
            return "staff:" + principal.tokenId();
        }
        if (authentication instanceof GuestAuthentication guest) {
            return "guest:" + guest.orderId();
        }
        if (authentication instanceof CustomerAuthentication customer) {
            return "customer:" + customer.customerId();
        }
        return Long.toString(principal.tokenId());
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
