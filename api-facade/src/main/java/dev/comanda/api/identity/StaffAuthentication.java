package dev.comanda.api.identity;

import dev.comanda.order.Actor;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A person of a tenant's staff, authenticated by an access token (JWT). Its principal carries the role its
 * endpoints check; its authorities are that role's {@code ROLE_} and {@link #STAFF}, which only people have.
 * The session is the refresh-token family the token belongs to.
 */
public final class StaffAuthentication extends PersonAuthentication {

    /** The authority of every person signed in, for what only a person does (sessions, password). */
    public static final String STAFF = "STAFF";

    private final StaffRole staffRole;

    StaffAuthentication(Jwt token, String tenantId, long staffId, StaffRole staffRole, String sessionId) {
        super(
                List.of(
                        new SimpleGrantedAuthority("ROLE_" + actorOf(staffRole).name()),
                        new SimpleGrantedAuthority(STAFF)),
                new Principal(staffId, tenantId, actorOf(staffRole)),
                sessionId,
                token);
        this.staffRole = staffRole;
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
    String kind() {
        return "staff";
    }

    public long staffId() {
        return getPrincipal().tokenId();
    }

    public StaffRole staffRole() {
        return staffRole;
    }

    /** The person's name as their access token carries it (what the timeline and the kitchen board show). */
    public String displayName() {
        return token().getClaimAsString(AccessTokens.NAME);
    }
}
