package dev.comanda.api.auth;

import dev.comanda.persistence.tenant.ApiTokens.Principal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Role checks ({@link Allowed} → 403) and the {@link Principal} controller argument, both from what
 * {@link BearerTokenFilter} bound to the request.
 */
@Configuration
class AccessConfiguration implements WebMvcConfigurer {

    private final ProblemWriter problems;

    AccessConfiguration(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws Exception {
                if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(Allowed.class)) {
                    return true;
                }
                var allowed =
                        Arrays.asList(method.getMethodAnnotation(Allowed.class).value());
                if (request.getAttribute(BearerTokenFilter.PRINCIPAL) instanceof Principal principal
                        && allowed.contains(principal.role())) {
                    return true;
                }
                problems.write(response, HttpStatus.FORBIDDEN, "this endpoint is for " + allowed, null);
                return false;
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Principal.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer container,
                    NativeWebRequest request,
                    WebDataBinderFactory binderFactory) {
                return request.getNativeRequest(HttpServletRequest.class).getAttribute(BearerTokenFilter.PRINCIPAL);
            }
        });
    }
}
