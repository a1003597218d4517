package dev.comanda.api.identity;

import dev.comanda.order.OrderContract;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/** Checks a guest's tracking token ({@code cmt_…}); any other bearer token is passed on. */
@Component
public class TrackingTokenAuthenticationProvider implements AuthenticationProvider {

    private final TrackingTokens tokens;

    TrackingTokenAuthenticationProvider(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var raw = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!raw.startsWith(TrackingTokens.PREFIX)) {
            return null;
        }
        try {
            var jwt = tokens.decode(raw);
            var tenantId = jwt.getClaimAsString(AccessTokens.TENANT);
            var orderId = jwt.getSubject();
            if (!OrderContract.isTenantId(tenantId) || !OrderContract.isOrderId(orderId)) {
                throw new InvalidBearerTokenException("a valid bearer token is required");
            }
            return new GuestAuthentication(tenantId, orderId);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidBearerTokenException("a valid bearer token is required", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
