package dev.comanda.api.auth;

import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller authenticated by one of its tenant's bearer tokens: an integration API key of one role or a
 * POS device's token, or a storefront's publishable key. Its principal is the token's {@link Principal}
 * (what controllers take with {@code @AuthenticationPrincipal}), its one authority {@code ROLE_<role>}, or
 * {@code ROLE_STOREFRONT} for a publishable key.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;

    ApiKeyAuthentication(Principal principal) {
        this(principal, Roles.authority(principal.role()));
    }

    /** A publishable key: its principal's role is CUSTOMER, its authority only {@link Roles#STOREFRONT}. */
    static ApiKeyAuthentication publishable(Principal principal) {
        return new ApiKeyAuthentication(principal, Roles.authority(Roles.STOREFRONT));
    }

    private ApiKeyAuthentication(Principal principal, String authority) {
        super(List.of(new SimpleGrantedAuthority(authority)));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    /** Never the token itself: it was checked and is not kept. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return principal.role().name().toLowerCase() + " token " + principal.tokenId();
    }
}
