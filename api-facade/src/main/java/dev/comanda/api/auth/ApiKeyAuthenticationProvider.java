package dev.comanda.api.auth;

import dev.comanda.api.error.Unavailable;
import dev.comanda.persistence.tenant.ApiTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Checks a bearer token against the tenant tokens' store ({@link TokenCache} in front of MySQL): the
 * resource server's filter reads the {@code Authorization} header, this says who the token is. A store
 * out of reach is {@link TokenStoreUnavailable} (503), never a false 401.
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private static final String API_KEY_PREFIX = "cmd_";

    private final TokenCache tokens;

    ApiKeyAuthenticationProvider(TokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var token = ((BearerTokenAuthenticationToken) authentication).getToken();
        var publishable = token.startsWith(ApiTokens.PUBLISHABLE_PREFIX);
        if (!token.startsWith(API_KEY_PREFIX) && !publishable) {
            // Not an API key: a person's access token, for AccessTokenAuthenticationProvider.
            return null;
        }
        try {
            return tokens.authenticate(token)
                    .map(principal -> publishable
                            ? ApiKeyAuthentication.publishable(principal)
                            : new ApiKeyAuthentication(principal))
                    .orElseThrow(() -> new InvalidBearerTokenException("a valid bearer token is required"));
        } catch (RuntimeException e) {
            if (e instanceof InvalidBearerTokenException) {
                throw e;
            }
            var dependency = Unavailable.dependencyOf(e).orElseThrow(() -> e);
            log.warn("token lookup failed, {} unavailable: {}", dependency.label(), e.toString());
            throw new TokenStoreUnavailable(dependency, e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
