package dev.comanda.api.auth;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.redisson.client.RedisConnectionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Callers of an {@link ApiSliceTest}: a bearer token per role, which the mocked token lookup knows for
 * the current test only (Mockito resets the stubs after each test).
 */
public class SliceCallers {

    public static final String TENANT = "slice-tenant";
    public static final String OPERATOR_KEY = "slice-operator-key";
    /** Every role a token can have; SYSTEM is the workflow itself. */
    public static final List<Actor> TOKEN_ROLES =
            Arrays.stream(Actor.values()).filter(role -> role != Actor.SYSTEM).toList();

    private final ApiTokens tokens;
    private final RateLimits rateLimits;

    SliceCallers(ApiTokens tokens, RateLimits rateLimits) {
        this.tokens = tokens;
        this.rateLimits = rateLimits;
    }

    /** The principal a token of {@code role} authenticates as: one token ID per role. */
    public static Principal principal(Actor role) {
        return new Principal(100 + role.ordinal(), TENANT, role);
    }

    /** Sends a valid token of {@code role} of {@link #TENANT}, within its rate limit. */
    public RequestPostProcessor as(Actor role) {
        var token = "cmd_slice-token-" + role.name().toLowerCase();
        when(tokens.authenticate(token)).thenReturn(Optional.of(principal(role)));
        when(rateLimits.acquire(any())).thenReturn(new RateLimits.Outcome(true, 49));
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** Sends a valid token of {@code role} whose rate limit is used up. */
    public RequestPostProcessor overItsRateLimit(Actor role) {
        var caller = as(role);
        when(rateLimits.acquire(any())).thenReturn(new RateLimits.Outcome(false, 0));
        return caller;
    }

    /** Sends a valid token of {@code role} while the Redis rate limiter is out of reach. */
    public RequestPostProcessor whileTheLimiterIsDown(Actor role) {
        var caller = as(role);
        when(rateLimits.acquire(any())).thenThrow(new RedisConnectionException("redis.internal:6379 refused"));
        return caller;
    }

    /** Sends a token while the token store (MySQL) cannot be reached. */
    public RequestPostProcessor whileTheTokenStoreIsDown() {
        when(tokens.authenticate(any())).thenThrow(new CannotGetJdbcConnectionException("Communications link failure"));
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer cmd_slice-token-any");
            return request;
        };
    }

    /** The roles a token may have other than {@code allowed}. */
    public static List<Actor> rolesOtherThan(Actor... allowed) {
        var permitted = List.of(allowed);
        return TOKEN_ROLES.stream().filter(role -> !permitted.contains(role)).toList();
    }

    /** A request of any method to {@code path}, query string included. */
    public static MockHttpServletRequestBuilder request(String method, String path) {
        return MockMvcRequestBuilders.request(method, URI.create(path));
    }

    /** {@code request} with a JSON body. */
    public static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
