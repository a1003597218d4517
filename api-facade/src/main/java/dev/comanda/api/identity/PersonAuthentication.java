package dev.comanda.api.identity;

import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A person signed in with one of the API's access tokens (a JWT): a member of a tenant's staff or a
 * customer. Its principal is the {@link Principal} controllers take (the account's ID in place of an API
 * key's), its credentials the token, and it belongs to one session, which signing out ends.
 */
public abstract sealed class PersonAuthentication extends AbstractAuthenticationToken
        permits StaffAuthentication, CustomerAuthentication {

    private final Principal principal;
    private final String sessionId;
    private final transient Jwt token;

    PersonAuthentication(
            Collection<? extends GrantedAuthority> authorities, Principal principal, String sessionId, Jwt token) {
        super(authorities);
        this.principal = principal;
        this.sessionId = sessionId;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public final Principal getPrincipal() {
        return principal;
    }

    @Override
    public final Object getCredentials() {
        return token.getTokenValue();
    }

    /** What the audit records: the kind of account and its ID, never an e-mail. */
    @Override
    public final String getName() {
        return kind() + " " + principal.tokenId();
    }

    /** The session the token belongs to: signing out stops it. */
    public final String sessionId() {
        return sessionId;
    }

    /** When the token expires (a codec session's cookie, which carries it, lives as long and no longer). */
    public final Instant expiresAt() {
        return token.getExpiresAt();
    }

    /** How the audit names this kind of account ({@code staff}, {@code customer}). */
    abstract String kind();

    final Jwt token() {
        return token;
    }
}
