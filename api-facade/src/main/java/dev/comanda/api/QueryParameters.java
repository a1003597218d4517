package dev.comanda.api;

import dev.comanda.api.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query is what the document says it may be, on every endpoint of Comanda's own: a parameter the endpoint
 * does not have ({@code ?per_pag=5}) or an empty value ({@code ?limit=}, {@code ?created_to=}, {@code ?reason=})
 * is refused with 400 naming the parameter. Spring MVC would ignore the one and take the other as absent (a
 * number, a date or a list converted from "" is null, a default applies), so a client that meant a value
 * silently got the default; the document states the same (every query parameter refuses "": {@code minLength}
 * 1, or a type, pattern or enum). Checked before the handler runs, once its {@code @RequestParam}s are known.
 * Endpoints outside the document ({@code /codec}, the management endpoints, the document itself) keep Spring's
 * reading.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameters implements WebMvcConfigurer {

    static final String EMPTY = "must not be empty: leave the parameter out instead";
    static final String UNKNOWN = "is not a parameter of this endpoint";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (handler instanceof HandlerMethod method
                                && method.getBeanType().getPackageName().startsWith("dev.comanda.")) {
                            check(request, method);
                        }
                        return true;
                    }
                })
                // The document's endpoints only: Temporal UI's codec (/codec) speaks Temporal's protocol, not this one.
                .addPathPatterns("/api/**");
    }

    private static void check(HttpServletRequest request, HandlerMethod method) {
        var known = names(method);
        for (var name : Collections.list(request.getParameterNames())) {
            if (!known.contains(name)) {
                throw ApiException.badParameter(name.isEmpty() ? "query" : name, UNKNOWN);
            }
            for (var value : request.getParameterValues(name)) {
                if (!StringUtils.hasLength(value)) {
                    throw ApiException.badParameter(name, EMPTY);
                }
            }
        }
    }

    private static Set<String> names(HandlerMethod method) {
        var names = new HashSet<String>();
        for (var parameter : method.getMethodParameters()) {
            var annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null) {
                names.add(
                        StringUtils.hasLength(annotation.name())
                                ? annotation.name()
                                : StringUtils.hasLength(annotation.value())
                                        ? annotation.value()
                                        : parameter.getParameterName());
            }
        }
        return names;
    }
}
