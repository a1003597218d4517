package dev.comanda.api;

import dev.comanda.api.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An empty query value ({@code ?limit=}, {@code ?created_to=}, {@code ?reason=}) is refused with 400 naming the
 * parameter, for every {@code @RequestParam} of every endpoint. Spring MVC would take it as absent (a number, a
 * date or a list converted from "" is null, a default applies), so a client that meant a value silently got the
 * default; the document states the same rule ({@code minLength} 1, or a type or pattern that refuses "").
 * Checked before the handler runs, once its parameters are known and before any is converted.
 */
@Configuration(proxyBeanMethods = false)
class EmptyQueryValues implements WebMvcConfigurer {

    static final String MESSAGE = "must not be empty: leave the parameter out instead";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    refuseEmpty(request, method);
                }
                return true;
            }
        });
    }

    private static void refuseEmpty(HttpServletRequest request, HandlerMethod method) {
        for (var parameter : method.getMethodParameters()) {
            var annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation == null) {
                continue;
            }
            var name = StringUtils.hasLength(annotation.name())
                    ? annotation.name()
                    : StringUtils.hasLength(annotation.value()) ? annotation.value() : parameter.getParameterName();
            var values = name == null ? null : request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            for (var value : values) {
                if (!StringUtils.hasLength(value)) {
                    throw ApiException.badParameter(name, MESSAGE);
                }
            }
        }
    }
}
