package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.codec.CodecCredentials;
import dev.comanda.api.identity.AccessTokenAuthenticationProvider;
import dev.comanda.api.identity.StaffAuthentication;
import dev.comanda.api.identity.TrackingTokenAuthenticationProvider;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.order.Actor;
import java.util.Arrays;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Who may call what, in one place: a filter chain per surface, each read top to bottom, and method
 * security ({@code @PreAuthorize}) on the controller methods a role decides. Every chain is stateless
 * (no server session) and every refusal is problem+json ({@link SecurityProblems}). No chain but the
 * codec's reads a cookie, so none but it needs a defence against cross-site requests; the codec's is
 * its cookie's {@code SameSite=Strict}, its CORS and its JSON-only bodies (docs/personal-data.md).
 *
 * <ol>
 *   <li>the management port: anyone, with details of health for an OPS token or the operator key;
 *   <li>what authenticates in its own protocol: the WebSocket event stream (a browser cannot set a
 *       header on the upgrade, so the first message carries the token, checked by the same
 *       {@link AuthenticationManager}) and the payment provider's signed webhook;
 *   <li>the operator's endpoints (tenants, signing keys): the operator key only;
 *   <li>Temporal UI's remote codec ({@code /codec/**}): the operator key or an OPS token, in a header or
 *       in the codec session's cookie (the only cookie Comanda reads; see {@link CodecCredentials});
 *   <li>the tenant API ({@code /api/v1/**}): a bearer token through the resource server (an API key, a
 *       device token or a person's JWT), or the operator key on the ops queue; then a caller of an
 *       offboarded tenant is refused (410), then the caller's rate limit;
 *   <li>everything else (the kitchen board page, Swagger UI, the OpenAPI document, probes): open.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    /**
     * The paths that check their caller themselves: the event stream, the provider's webhook, staff
     * sign-in (the password or refresh token in the body is the credential; the JWKS is public), and what
     * an e-mailed one-time code proves (a customer's sign-in, an invitation, a password reset).
     */
    static final String[] SELF_AUTHENTICATED = {
        "/api/v1/events",
        "/api/v1/payments/webhook/**",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/jwks",
        "/api/v1/auth/invitation",
        "/api/v1/auth/password-reset",
        "/api/v1/auth/password-reset/confirm",
        "/api/v1/auth/customers/code",
        "/api/v1/auth/customers/token"
    };

    /** Every role a tenant's token can have; SYSTEM is the workflow itself, never a caller. */
    private static final String[] TENANT_ROLES = Arrays.stream(Actor.values())
            .filter(role -> role != Actor.SYSTEM)
            .map(Actor::name)
            .toArray(String[]::new);

    /**
     * The credentials Comanda takes, each checked by its own provider: API keys and device tokens
     * ({@code cmd_…}) and publishable keys ({@code cmp_…}), people's access tokens (JWT), guests' tracking
     * tokens ({@code cmt_…}), the operator key.
     */
    @Bean
    AuthenticationManager credentials(
            ApiKeyAuthenticationProvider apiKeys,
            AccessTokenAuthenticationProvider accessTokens,
            TrackingTokenAuthenticationProvider trackingTokens,
            OperatorKeyAuthenticationProvider operatorKey) {
        return new ProviderManager(apiKeys, accessTokens, trackingTokens, operatorKey);
    }

    @Bean
    @Order(1)
    SecurityFilterChain managementPort(HttpSecurity http, AuthenticationManager credentials, SecurityProblems problems)
            throws Exception {
        stateless(http)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> credentials)
                        .authenticationEntryPoint(problems.bearer()))
                .addFilterBefore(
                        operatorKey(credentials, problems.operatorKey()), BearerTokenAuthenticationFilter.class)
                // management.endpoint.health.roles decides who sees details; the port itself is open.
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain selfAuthenticated(HttpSecurity http) throws Exception {
        stateless(http)
                .securityMatcher(SELF_AUTHENTICATED)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain operatorEndpoints(
            HttpSecurity http, AuthenticationManager credentials, SecurityProblems problems) throws Exception {
        stateless(http)
                .securityMatcher("/api/v1/ops/tenants/**", "/api/v1/ops/signing-keys/**")
                .addFilterBefore(operatorKey(credentials, problems.operatorKey()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.operatorKey())
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(Roles.OPERATOR));
        return http.build();
    }

    /**
     * Temporal UI's remote codec (docs/personal-data.md): the operator key or an OPS person's token or key,
     * the token from the header or, on decode and encode, from the codec session's cookie
     * ({@link CodecCredentials}); a preflight passes (CodecCors answers it). Only a person with OPS opens
     * a codec session (the cookie carries their access token, which expires); anyone closes theirs. Which
     * payloads each may read is the codec's business.
     */
    @Bean
    @Order(3)
    SecurityFilterChain codecEndpoint(HttpSecurity http, AuthenticationManager credentials, SecurityProblems problems)
            throws Exception {
        stateless(http)
                .securityMatcher("/codec/**")
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> credentials)
                        .bearerTokenResolver(new CodecCredentials())
                        .authenticationEntryPoint(problems.bearer())
                        .accessDeniedHandler(problems))
                .addFilterBefore(operatorKey(credentials, problems.bearer()), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems.bearer()).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.OPTIONS, "/codec/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/codec/session")
                        .permitAll()
                        .requestMatchers("/codec/session")
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole(Actor.OPS.name()),
                                AuthorityAuthorizationManager.hasAuthority(StaffAuthentication.STAFF)))
                        .anyRequest()
                        .hasAnyRole(Actor.OPS.name(), Roles.OPERATOR));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain tenantApi(
            HttpSecurity http,
            AuthenticationManager credentials,
            SecurityProblems problems,
            RateLimits rateLimits,
            OffboardedTenants offboardedTenants,
            ApiProperties properties,
            ComandaMetrics metrics)
            throws Exception {
        var offboarded = new OffboardedTenantFilter(offboardedTenants, problems.writer());
        var rateLimit = new RateLimitFilter(rateLimits, properties, problems.writer(), metrics);
        stateless(http)
                .securityMatcher("/api/v1/**")
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> credentials)
                        .authenticationEntryPoint(problems.bearer())
                        .accessDeniedHandler(problems))
                .addFilterBefore(operatorKey(credentials, problems.bearer()), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(offboarded, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(rateLimit, OffboardedTenantFilter.class)
                .addFilterAfter(new RequestLogContext(), RateLimitFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems.bearer()).accessDeniedHandler(problems))
                // Deny by default: a publishable key reaches the menu and placement only, a guest's tracking
                // token its order's reads and cancel, a signed-in customer the menu, placement and its own
                // orders' reads and cancel (the controllers answer 404 for any other order).
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/v1/ops/orders/**")
                        .hasAnyRole(Actor.OPS.name(), Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/products")
                        .hasAnyRole(and(TENANT_ROLES, Roles.STOREFRONT, Roles.CUSTOMER_ACCOUNT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders")
                        .hasAnyRole(and(TENANT_ROLES, Roles.STOREFRONT, Roles.CUSTOMER_ACCOUNT))
                        .requestMatchers(HttpMethod.GET, "/api/v1/orders", "/api/v1/orders/*")
                        .hasAnyRole(and(TENANT_ROLES, Roles.GUEST, Roles.CUSTOMER_ACCOUNT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders/*/cancel")
                        .hasAnyRole(and(TENANT_ROLES, Roles.GUEST, Roles.CUSTOMER_ACCOUNT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/customers/sign-out")
                        .hasRole(Roles.CUSTOMER_ACCOUNT)
                        .anyRequest()
                        .hasAnyRole(TENANT_ROLES));
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        stateless(http).authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    private static String[] and(String[] roles, String... more) {
        var all = Arrays.copyOf(roles, roles.length + more.length);
        System.arraycopy(more, 0, all, roles.length, more.length);
        return all;
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /**
     * Reads {@code X-Operator-Key} when it is sent and has {@link OperatorKeyAuthenticationProvider}
     * check it; a wrong key goes to {@code failed}. Not a bean: a filter bean would also run on every path.
     */
    private static AuthenticationFilter operatorKey(
            AuthenticationManager credentials, AuthenticationEntryPoint failed) {
        var filter = new AuthenticationFilter(credentials, request -> {
            var key = request.getHeader(OperatorKeyAuthentication.HEADER);
            return key == null ? null : OperatorKeyAuthentication.unauthenticated(key);
        });
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(failed));
        return filter;
    }
}
