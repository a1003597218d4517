package dev.comanda.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The operator's key ({@code X-Operator-Key}, {@code COMANDA_OPERATOR_KEY}): unauthenticated as read
 * from the header, authenticated with the role {@link Roles#OPERATOR} once checked. It belongs to no
 * tenant; the ops queue lets the operator name one.
 */
public final class OperatorKeyAuthentication extends AbstractAuthenticationToken {

    /** The one header that carries the operator key, everywhere. */
    public static final String HEADER = "X-Operator-Key";
    /** Who the audit records for an action taken with the key. */
    public static final String NAME = "operator";

    private final transient String key;

    private OperatorKeyAuthentication(String key, boolean authenticated) {
        super(authenticated ? List.of(new SimpleGrantedAuthority(Roles.authority(Roles.OPERATOR))) : List.of());
        this.key = key;
        setAuthenticated(authenticated);
    }

    static OperatorKeyAuthentication unauthenticated(String key) {
        return new OperatorKeyAuthentication(key, false);
    }

    static OperatorKeyAuthentication authenticated() {
        return new OperatorKeyAuthentication(null, true);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return NAME;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
