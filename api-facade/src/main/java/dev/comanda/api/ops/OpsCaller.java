package dev.comanda.api.ops;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;

/**
 * Who calls the ops queue: an OPS token, which sees its own tenant only, or the operator (the
 * {@code X-Operator-Key}), who sees every tenant and names one with {@code tenant}. {@code actor} is
 * what the audit records as "who".
 */
record OpsCaller(String tenantId, String actor) {

    static final String OPERATOR_KEY = "X-Operator-Key";

    static OpsCaller of(Principal principal, String operatorKey, ApiProperties properties) {
        if (operatorKey != null) {
            var expected = properties.operatorKey();
            if (expected.isBlank()
                    || !MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8), operatorKey.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid " + OPERATOR_KEY + " header is required");
            }
            return new OpsCaller(null, "operator");
        }
        if (principal == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
        }
        if (principal.role() != Actor.OPS) {
            throw new ApiException(HttpStatus.FORBIDDEN, "this endpoint is for [OPS]");
        }
        return new OpsCaller(principal.tenantId(), "ops token " + principal.tokenId());
    }

    boolean isOperator() {
        return tenantId == null;
    }

    /** The tenant a listing covers: the token's own, or the operator's choice (null: every tenant). */
    String listScope(String requested) {
        if (requested != null && !OrderContract.isTenantId(requested)) {
            throw ApiException.badParameter("tenant", "must be a tenant ID");
        }
        if (isOperator()) {
            return requested;
        }
        if (requested != null && !requested.equals(tenantId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "an OPS token sees its own tenant only");
        }
        return tenantId;
    }

    /** The tenant of a single order: the token's own, or the one the operator names (required). */
    String orderScope(String requested) {
        if (isOperator() && requested == null) {
            throw ApiException.badParameter("tenant", "is required with the operator key");
        }
        return listScope(requested);
    }
}
