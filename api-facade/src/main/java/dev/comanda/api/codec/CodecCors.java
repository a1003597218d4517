package dev.comanda.api.codec;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS of {@code /codec} for Temporal UI's origin, before Spring Security (a preflight carries no token).
 * Credentials are allowed: Temporal UI's "include cross-origin credentials" sends them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodecProperties.class)
class CodecCors {

    @Bean
    FilterRegistrationBean<CorsFilter> codecCorsFilter(CodecProperties properties) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!properties.allowedOrigins().isEmpty()) {
            var cors = new CorsConfiguration();
            cors.setAllowedOriginPatterns(properties.allowedOrigins());
            cors.setAllowedMethods(List.of("POST"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Namespace", "X-Operator-Key"));
            cors.setAllowCredentials(true);
            cors.setMaxAge(properties.maxAge());
            source.registerCorsConfiguration("/codec/**", cors);
        }
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        // A name of its own: the API's CorsFilter registration has the default one, and a second registration
        // under the same name would be skipped.
        registration.setName("codecCorsFilter");
        // Before the API's CorsFilter: a CorsFilter ends every preflight it sees, configured for it or not.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        registration.addUrlPatterns("/codec/*");
        return registration;
    }
}
