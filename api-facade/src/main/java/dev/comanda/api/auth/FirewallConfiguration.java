package dev.comanda.api.auth;

import java.util.List;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, letting HTTP's {@code QUERY} method through to Spring MVC: no endpoint
 * has it, and MVC then answers 405 with the {@code Allow} header listing the path's methods (RFC 9110), which
 * a firewall refusal ({@link RejectedRequests}) cannot name. And the firewall, not Tomcat, refuses an encoded
 * backslash in a path ({@code %5C}): Tomcat would answer its own HTML error page before any filter runs, where
 * every other malformed URL is a problem+json 400.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "QUERY"));
        return firewall;
    }

    /** {@code %5C} stays encoded in the path Tomcat hands on, which the firewall then refuses. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedBackslashReachesTheFirewall() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setEncodedReverseSolidusHandling("passthrough"));
    }
}
