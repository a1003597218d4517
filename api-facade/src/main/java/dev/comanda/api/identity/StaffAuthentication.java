package dev.comanda.api.identity;

import dev.comanda.order.Actor;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A person of a tenant's staff, authenticated by an access token (JWT). Its principal is the
 * {@link Principal} controllers take (the account's ID in place of a token's, the role its endpoints
 * check); its authorities that role's {@code ROLE_} and {@link #STAFF}, which only people have.
 */
public final class StaffAuthentication extends AbstractAuthenticationToken {

    /** The authority of every person signed in, for what only a person does (sessions, password). */
    public static final String STAFF = "STAFF";

    private final Principal principal;
    private final StaffRole staffRole;
    private final String sessionId;
    private final transient Jwt token;

    StaffAuthentication(Jwt token, String tenantId, long staffId, StaffRole staffRole, String sessionId) {
        super(List.of(
                new SimpleGrantedAuthority("ROLE_" + actorOf(staffRole).name()), new SimpleGrantedAuthority(STAFF)));
        this.principal = new Principal(staffId, tenantId, actorOf(staffRole));
        this.staffRole = staffRole;
        this.sessionId = sessionId;
        this.token = token;
        setAuthenticated(true);
    }

    /**
     * What each person may do, as the endpoints' roles: owners and managers administer the restaurant,
     * cooks and waiters work the orders (place, move through the kitchen), ops see the ops queue.
     */
    static Actor actorOf(StaffRole role) {
        return switch (role) {
            case OWNER, MANAGER -> Actor.ADMIN;
            case KITCHEN, WAITER -> Actor.KITCHEN;
            case OPS -> Actor.OPS;
        };
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return token.getTokenValue();
    }

    /** What the audit records: the account, never its e-mail. */
    @Override
    public String getName() {
        return "staff " + principal.tokenId();
    }

    public long staffId() {
        return principal.tokenId();
    }

    public StaffRole staffRole() {
        return staffRole;
    }

    /** The person's name as their access token carries it (what the timeline and the kitchen board show). */
    public String displayName() {
        return token.getClaimAsString(AccessTokens.NAME);
    }

    /** The session (refresh-token family) the token belongs to. */
    public String sessionId() {
        return sessionId;
    }
}
