package dev.comanda.api.auth;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for the configured origins ({@link CorsProperties}). It runs before Spring Security's filters: a
 * preflight carries no token and is answered here, and a 401 or 429 carries the CORS headers so the page
 * can read why it was refused. An origin not configured gets 403 and no CORS header. The token, never a
 * cookie, authenticates, so credentials are not allowed.
 */
@Configuration(proxyBeanMethods = false)
class CorsSettings {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            var cors = new CorsConfiguration();
            cors.setAllowedOriginPatterns(properties.allowedOrigins());
            cors.setAllowedMethods(properties.allowedMethods());
            cors.setAllowedHeaders(properties.allowedHeaders());
            cors.setExposedHeaders(properties.exposedHeaders());
            cors.setAllowCredentials(false);
            cors.setMaxAge(properties.maxAge());
            source.registerCorsConfiguration("/api/**", cors);
        }
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(ORDER);
        return registration;
    }
}
