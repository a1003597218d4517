package dev.comanda.api.identity;

import dev.comanda.api.auth.Roles;
import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A customer signed in with a one-time code (a customer access token, a JWT). It acts as the CUSTOMER
 * of its own orders (places them, cancels them under the customer's rules) and sees no other
 * (the ownership checks of the order endpoints and the event stream); its one authority is
 * {@code ROLE_CUSTOMER_ACCOUNT}, which the API's chain lets reach the menu, placement, its orders and
 * the event stream only. Not {@code ROLE_CUSTOMER}: that is the server-side API key, which sees every
 * order of its tenant.
 */
public final class CustomerAuthentication extends PersonAuthentication {

    private final String email;

    CustomerAuthentication(Jwt token, String tenantId, long customerId, String email, String sessionId) {
        super(
                List.of(new SimpleGrantedAuthority(Roles.authority(Roles.CUSTOMER_ACCOUNT))),
                new Principal(customerId, tenantId, Actor.CUSTOMER),
                sessionId,
                token);
        this.email = email;
    }

    @Override
    String kind() {
        return "customer";
    }

    public long customerId() {
        return getPrincipal().tokenId();
    }

    /** The address the customer signed in with (its account's), what the timeline shows as its name. */
    public String email() {
        return email;
    }
}
