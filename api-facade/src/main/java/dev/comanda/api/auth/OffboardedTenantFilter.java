package dev.comanda.api.auth;

import dev.comanda.api.error.ProblemType;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every caller of an offboarded tenant with 410 {@code tenant-offboarded} (docs/problems.md),
 * whatever its credential: an API key still in an instance's token cache, a person's or a guest's signed
 * token that has not expired. Runs in the tenant API's chain right after authentication, before the rate
 * limit; not a bean, like {@link RateLimitFilter}.
 */
class OffboardedTenantFilter extends OncePerRequestFilter {

    private final OffboardedTenants offboarded;
    private final ProblemWriter problems;

    OffboardedTenantFilter(OffboardedTenants offboarded, ProblemWriter problems) {
        this.offboarded = offboarded;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof Principal principal
                && offboarded.isOffboarded(principal.tenantId())) {
            problems.write(
                    response,
                    ProblemType.TENANT_OFFBOARDED,
                    "the restaurant " + principal.tenantId() + " has been offboarded");
            return;
        }
        chain.doFilter(request, response);
    }
}
