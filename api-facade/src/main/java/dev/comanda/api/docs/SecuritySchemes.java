package dev.comanda.api.docs;

import dev.comanda.api.auth.OperatorKeyAuthentication;
import dev.comanda.api.auth.Roles;
import dev.comanda.api.identity.StaffAuthentication;
import dev.comanda.order.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One OpenAPI security scheme per kind of credential Comanda takes, and, per operation, the kinds that
 * may call it, read from the roles its {@code @PreAuthorize} names: an operation lists each scheme as
 * an alternative. An operation without {@code @PreAuthorize} takes no credential (sign-in, the
 * payment provider's signed webhook).
 */
final class SecuritySchemes {

    static final String API_KEY = "apiKey";
    static final String STAFF_TOKEN = "staffToken";
    static final String CUSTOMER_TOKEN = "customerToken";
    static final String PUBLISHABLE_KEY = "publishableKey";
    static final String TRACKING_TOKEN = "trackingToken";
    static final String OPERATOR_KEY = "operatorKey";

    /**
     * Who has each role: an API key of the role (or a device's token), people whose staff role maps to it
     * (owners and managers act as ADMIN, cooks and waiters as KITCHEN, ops as OPS), or the one kind of
     * credential that has it.
     */
    private static final Map<String, List<String>> HOLDERS = Map.ofEntries(
            Map.entry(Actor.CUSTOMER.name(), List.of(API_KEY)),
            Map.entry(Actor.KITCHEN.name(), List.of(API_KEY, STAFF_TOKEN)),
            Map.entry(Actor.ADMIN.name(), List.of(API_KEY, STAFF_TOKEN)),
            Map.entry(Actor.OPS.name(), List.of(API_KEY, STAFF_TOKEN)),
            Map.entry(Actor.DEVICE.name(), List.of(API_KEY)),
            Map.entry(StaffAuthentication.STAFF, List.of(STAFF_TOKEN)),
            Map.entry(Roles.CUSTOMER_ACCOUNT, List.of(CUSTOMER_TOKEN)),
            Map.entry(Roles.STOREFRONT, List.of(PUBLISHABLE_KEY)),
            Map.entry(Roles.GUEST, List.of(TRACKING_TOKEN)),
            Map.entry(Roles.OPERATOR, List.of(OPERATOR_KEY)));

    private SecuritySchemes() {}

    static Components addTo(Components components) {
        return components
                .addSecuritySchemes(
                        API_KEY,
                        bearer(
                                "cmd_…",
                                "An integration API key (cmd_…) of one role: CUSTOMER, KITCHEN, ADMIN or OPS,"
                                        + " issued by an admin (POST /api/v1/api-keys) or at onboarding; or a POS device's"
                                        + " token (DEVICE). Server to server: never in a browser."))
                .addSecuritySchemes(
                        STAFF_TOKEN,
                        bearer(
                                "JWT",
                                "A person's access token: a JWT (RS256, kid) from POST /api/v1/auth/login or"
                                        + " /api/v1/auth/refresh, valid 5 minutes. Owners and managers act as ADMIN, cooks"
                                        + " and waiters as KITCHEN, ops as OPS."))
                .addSecuritySchemes(
                        CUSTOMER_TOKEN,
                        bearer(
                                "JWT",
                                "A signed-in customer's access token: a JWT from POST"
                                        + " /api/v1/auth/customers/token (a one-time code by e-mail), valid 1 hour. The"
                                        + " menu, placing orders, and the customer's own orders only."))
                .addSecuritySchemes(
                        PUBLISHABLE_KEY,
                        bearer(
                                "cmp_…",
                                "A storefront's publishable key (cmp_…), public by design: the menu and"
                                        + " placing guest orders only."))
                .addSecuritySchemes(
                        TRACKING_TOKEN,
                        bearer(
                                "cmt_…",
                                "A guest order's tracking token (cmt_…), from its placement's answer: that"
                                        + " one order only (read, cancel, follow)."))
                .addSecuritySchemes(
                        OPERATOR_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(OperatorKeyAuthentication.HEADER)
                                .description("The operator's key (COMANDA_OPERATOR_KEY), outside any tenant"));
    }

    /** Sets each operation's security from the roles its handler named ({@link OpenApiConfiguration#CALLERS}). */
    @SuppressWarnings("unchecked")
    static void apply(OpenAPI openApi) {
        openApi.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    var extensions = operation.getExtensions();
                    var roles = extensions == null
                            ? List.<String>of()
                            : (List<String>) extensions.getOrDefault(OpenApiConfiguration.CALLERS, List.of());
                    if (extensions != null) {
                        extensions.remove(OpenApiConfiguration.CALLERS);
                    }
                    operation.setSecurity(of(roles));
                }));
    }

    /** The alternatives of an operation whose {@code @PreAuthorize} names {@code roles}; none for an open one. */
    static List<SecurityRequirement> of(List<String> roles) {
        var schemes = new LinkedHashSet<String>();
        for (var role : roles) {
            schemes.addAll(HOLDERS.getOrDefault(role, List.of()));
        }
        return schemes.stream()
                .map(scheme -> new SecurityRequirement().addList(scheme))
                .toList();
    }

    private static SecurityScheme bearer(String format, String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat(format)
                .description(description);
    }
}
