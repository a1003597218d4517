package dev.comanda.api.ops;

import dev.comanda.api.auth.OperatorKeyAuthentication;
import dev.comanda.api.error.ApiException;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;

/**
 * Which tenants an ops queue caller sees: an OPS token its own tenant, the operator key every tenant
 * (naming one with {@code tenant}). {@code actor} is what the audit records as "who". Spring Security
 * has already authenticated the caller and checked its role ({@link #CALLERS}).
 */
record OpsScope(String tenantId, String actor) {

    /** Who may call the ops queue. */
    static final String CALLERS = "hasAnyRole('OPS','OPERATOR')";

    static OpsScope of(Authentication caller) {
        if (caller instanceof OperatorKeyAuthentication) {
            return new OpsScope(null, caller.getName());
        }
        return new OpsScope(((Principal) caller.getPrincipal()).tenantId(), caller.getName());
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
