package dev.comanda.api.auth;

import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller authenticated by one of its tenant's bearer tokens: an integration API key of one role or a
 * POS device's token. Its principal is the token's {@link Principal} (what controllers take with
 * {@code @AuthenticationPrincipal}), its one authority {@code ROLE_<role>}.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;

    ApiKeyAuthentication(Principal principal) {
        super(List.of(new SimpleGrantedAuthority(Roles.authority(principal.role()))));
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
