package dev.comanda.api.auth;

import dev.comanda.order.Actor;

/**
 * The authorities Spring Security sees: {@code ROLE_} and a tenant caller's {@link Actor}, or
 * {@link #OPERATOR} for the operator key, which belongs to no tenant.
 */
public final class Roles {

    /** The operator key's role ({@code hasRole('OPERATOR')}). */
    public static final String OPERATOR = "OPERATOR";
    /** A storefront's publishable key: the menu and guest placements only. */
    public static final String STOREFRONT = "STOREFRONT";
    /** A guest order's tracking token: that one order only. */
    public static final String GUEST = "GUEST";
    /** A customer signed in with a one-time code: the menu, placing orders, and its own orders only. */
    public static final String CUSTOMER_ACCOUNT = "CUSTOMER_ACCOUNT";

    private static final String PREFIX = "ROLE_";

    private Roles() {}

    static String authority(Actor role) {
        return PREFIX + role.name();
    }

    public static String authority(String role) {
        return PREFIX + role;
    }
}
