package dev.comanda.api.identity;

import dev.comanda.api.auth.Roles;
import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A guest holding an order's tracking token: it acts as the order's customer (cancels under the
 * customer's rules) on that one order, and sees no other (the order endpoints' {@code OrderAccess}); its one authority is
 * {@code ROLE_GUEST}, which the API's chain lets reach only the order endpoints.
 */
public final class GuestAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;
    private final String orderId;

    GuestAuthentication(String tenantId, String orderId) {
        super(List.of(new SimpleGrantedAuthority(Roles.authority(Roles.GUEST))));
        this.principal = new Principal(0, tenantId, Actor.CUSTOMER);
        this.orderId = orderId;
        setAuthenticated(true);
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return "guest of order " + orderId;
    }

    /** The one order this guest may read, follow and cancel. */
    public String orderId() {
        return orderId;
    }
}
