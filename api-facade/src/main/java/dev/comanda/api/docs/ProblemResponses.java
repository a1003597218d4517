package dev.comanda.api.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every error an operation answers, from what the code does: the token filters
 * (401, 410 for an offboarded tenant, 429), the role check (403), path lookups (404), body parsing and validation (400, 413, 415,
 * 422), dependencies out of reach (503, from anywhere). Statuses a controller adds itself (409, 410) are
 * declared on its method; every 4xx and 5xx gets the problem+json body.
 */
final class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> OPERATOR_PATHS = List.of("/api/v1/ops/tenants", "/api/v1/ops/signing-keys");
    /** Sign-in: the password, refresh token or e-mailed code in the body is the credential. */
    private static final List<String> OPEN_PATHS = List.of(
            "/api/v1/auth/login",
            "/api/v1/auth/refresh",
            "/api/v1/auth/logout",
            "/api/v1/auth/jwks",
            "/api/v1/auth/invitation",
            "/api/v1/auth/password-reset",
            "/api/v1/auth/password-reset/confirm",
            "/api/v1/auth/customers/code",
            "/api/v1/auth/customers/token");

    private static final String OPS_QUEUE_PATHS = "/api/v1/ops/orders";
    private static final String WEBHOOK_PATHS = "/api/v1/payments/webhook";

    private enum Caller {
        BEARER,
        OPERATOR,
        BEARER_OR_OPERATOR,
        SIGNED,
        OPEN
    }

    private ProblemResponses() {}

    static void apply(OpenAPI openApi) {
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    // Who may call it (operation.security) comes from the handler's roles: SecuritySchemes.
                    var caller = caller(path);
                    describe(operation, path, caller);
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.setContent(new Content()
                                    .addMediaType(
                                            PROBLEM_JSON,
                                            new MediaType().schema(Schemas.ref(OpenApiConfiguration.PROBLEM))));
                        }
                    });
                }));
    }

    private static Caller caller(String path) {
        if (OPEN_PATHS.contains(path)) {
            return Caller.OPEN;
        }
        if (OPERATOR_PATHS.stream().anyMatch(path::startsWith)) {
            return Caller.OPERATOR;
        }
        if (path.startsWith(OPS_QUEUE_PATHS)) {
            return Caller.BEARER_OR_OPERATOR;
        }
        return path.startsWith(WEBHOOK_PATHS) ? Caller.SIGNED : Caller.BEARER;
    }

    private static void describe(Operation operation, String path, Caller caller) {
        var extensions = operation.getExtensions() == null ? Map.<String, Object>of() : operation.getExtensions();
        var validated = Boolean.TRUE.equals(extensions.get(OpenApiConfiguration.VALIDATED));
        if (operation.getExtensions() != null) {
            operation.getExtensions().remove(OpenApiConfiguration.VALIDATED);
        }
        var errors = new TreeMap<String, String>();
        errors.put("400", "Malformed: a parameter, header or body field, named in errors");
        switch (caller) {
            case BEARER -> errors.put("401", "No valid bearer token");
            case OPERATOR -> errors.put("401", "No valid X-Operator-Key");
            case BEARER_OR_OPERATOR -> errors.put("401", "Neither a valid bearer token nor X-Operator-Key");
            case SIGNED, OPEN -> {}
        }
        // Any bearer endpoint refuses some callers: a role it does not serve, a publishable key beyond the
        // menu and placement, a guest's tracking token beyond its order.
        if (caller == Caller.BEARER || caller == Caller.BEARER_OR_OPERATOR) {
            errors.put("403", "The caller's role may not do this");
        }
        if (path.contains("{")) {
            errors.put("404", "Not found in the caller's tenant");
        }
        if (operation.getRequestBody() != null) {
            errors.put("413", "The body is too large");
            errors.put("415", "The body is not application/json");
        }
        if (validated) {
            errors.put("422", "A field of the body is invalid; errors names each");
        }
        if (caller == Caller.BEARER || caller == Caller.BEARER_OR_OPERATOR) {
            // OffboardedTenantFilter: any credential of a restaurant that was offboarded.
            errors.put("410", "The caller's restaurant has been offboarded");
            errors.put("429", "Too many requests for this token; Retry-After says when to try again");
        }
        errors.put("503", "A dependency (database, Redis, Temporal) is out of reach: retry after Retry-After");
        errors.forEach((status, description) -> {
            if (!operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description));
            }
        });
    }
}
