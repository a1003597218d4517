package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who calls the management port: an OPS token of any tenant or the operator key is in the {@code OPS}
 * role, which {@code management.endpoint.health.roles} lets see every health component and its details;
 * anyone else sees the status only. Liveness and readiness need no caller. Loaded into the management
 * server's own (child) context; component scanning of the API's context skips it.
 */
@ManagementContextConfiguration(ManagementContextType.CHILD)
@Conditional(ManagementAccess.ChildContext.class)
class ManagementAccess {

    /** The role {@code management.endpoint.health.roles} names in api-facade.yml. */
    static final String ROLE = Actor.OPS.name();

    private static final Logger log = LoggerFactory.getLogger(ManagementAccess.class);
    private static final String BEARER = "Bearer ";
    private static final String OPERATOR_KEY = "X-Operator-Key";

    @Bean
    OncePerRequestFilter managementCallers(TokenCache tokens, ApiProperties properties) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(isOps(request, tokens, properties) ? new Ops(request) : request, response);
            }
        };
    }

    private static boolean isOps(HttpServletRequest request, TokenCache tokens, ApiProperties properties) {
        var key = request.getHeader(OPERATOR_KEY);
        if (key != null) {
            var expected = properties.operatorKey();
            return !expected.isBlank()
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
        }
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            return false;
        }
        try {
            return tokens.authenticate(header.substring(BEARER.length()).trim())
                    .filter(principal -> principal.role() == Actor.OPS)
                    .isPresent();
        } catch (RuntimeException e) {
            // The token store is down: health must still answer (that it is down), just without details.
            log.warn("token lookup for the management port failed: {}", e.toString());
            return false;
        }
    }

    /** The request of an authorized caller, as the actuator asks about it. */
    private static final class Ops extends HttpServletRequestWrapper {

        private static final Principal OPS = () -> "ops";

        Ops(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return OPS;
        }

        @Override
        public boolean isUserInRole(String role) {
            return ROLE.equals(role);
        }
    }

    /** Only the management server's context has a parent (the API's); the API's own scan skips this. */
    static final class ChildContext implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var factory = context.getBeanFactory();
            return factory != null && factory.getParentBeanFactory() != null;
        }
    }
}
