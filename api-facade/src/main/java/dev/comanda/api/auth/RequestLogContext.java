package dev.comanda.api.auth;

import dev.comanda.observability.LogContext;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the caller's tenant and, for {@code /orders/{id}} paths, the order and its workflow ID in the
 * MDC for the rest of the request, so every log line of it can be found by order. Runs in the API's
 * filter chain once the caller is authenticated; not a bean, so it runs there only.
 */
class RequestLogContext extends OncePerRequestFilter {

    private static final Pattern ORDER_PATH = Pattern.compile("/api/v1/orders/([a-f0-9]{32})(/.*)?");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Principal principal) {
            var path = ORDER_PATH.matcher(
                    request.getRequestURI().substring(request.getContextPath().length()));
            LogContext.putOrder(principal.tenantId(), path.matches() ? path.group(1) : null);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            // Request threads (virtual or pooled) must not carry one order's IDs into the next request.
            LogContext.clear();
        }
    }
}
