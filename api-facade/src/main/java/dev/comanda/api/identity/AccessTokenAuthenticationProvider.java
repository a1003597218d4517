package dev.comanda.api.identity;

import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Checks an access token, a staff member's or a signed-in customer's: the resource server's JWT decoder
 * ({@link AccessTokens#decoder()}), then the {@link SessionDenylist}. API keys and tracking tokens
 * ({@code cm?_…}) are not its business: it passes them on.
 */
@Component
public class AccessTokenAuthenticationProvider implements AuthenticationProvider {

    /** Every JWS starts so: the base64url of {@code {"}, the opening of its JSON header. */
    private static final String JWT_START = "eyJ";

    private final AccessTokens tokens;
    private final SessionDenylist denylist;

    AccessTokenAuthenticationProvider(AccessTokens tokens, SessionDenylist denylist) {
        this.tokens = tokens;
        this.denylist = denylist;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var raw = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!raw.startsWith(JWT_START)) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = tokens.decoder().decode(raw);
        } catch (JwtException e) {
            throw new InvalidBearerTokenException("a valid bearer token is required", e);
        }
        var sessionId = jwt.getClaimAsString(AccessTokens.SESSION);
        var tenantId = jwt.getClaimAsString(AccessTokens.TENANT);
        if (AccessTokens.CUSTOMER_ROLE.equals(jwt.getClaimAsString(AccessTokens.ROLE))) {
            return customer(jwt, tenantId, sessionId);
        }
        long staffId;
        StaffRole role;
        try {
            staffId = Long.parseLong(jwt.getSubject());
            role = StaffRole.valueOf(jwt.getClaimAsString(AccessTokens.ROLE));
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("a valid bearer token is required", e);
        }
        Number version = jwt.getClaim(AccessTokens.VERSION);
        if (sessionId == null || tenantId == null || version == null) {
            throw new InvalidBearerTokenException("a valid bearer token is required");
        }
        if (denylist.denies(staffId, sessionId, version.longValue())) {
            throw new InvalidBearerTokenException("the session has ended");
        }
        return new StaffAuthentication(jwt, tenantId, staffId, role, sessionId);
    }

    /** A signed-in customer: its account and sign-in, unless the sign-in has ended (signed out). */
    private CustomerAuthentication customer(Jwt jwt, String tenantId, String sessionId) {
        long customerId;
        try {
            customerId = Long.parseLong(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new InvalidBearerTokenException("a valid bearer token is required", e);
        }
        if (sessionId == null || tenantId == null) {
            throw new InvalidBearerTokenException("a valid bearer token is required");
        }
        if (denylist.deniesSession(sessionId)) {
            throw new InvalidBearerTokenException("the session has ended");
        }
        return new CustomerAuthentication(
                jwt, tenantId, customerId, jwt.getClaimAsString(AccessTokens.NAME), sessionId);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
