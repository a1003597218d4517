package dev.comanda.api.auth;

import dev.comanda.api.SliceBeans;
import dev.comanda.api.identity.AccessTokenAuthenticationProvider;
import dev.comanda.api.identity.TrackingTokenAuthenticationProvider;
import dev.comanda.api.identity.TrackingTokens;
import dev.comanda.persistence.tenant.ApiTokens;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A {@code @WebMvcTest} of some controllers behind the real security filter chains
 * ({@link SecurityConfiguration}), method security and problem+json advice. Only the token lookup ({@link ApiTokens}), the Redis rate
 * limiter and the offboarded tenants' lookup are mocked; {@link SliceCallers} hands out tokens of each role. The WebSocket event endpoint
 * is not part of a slice (it needs the event hub and Redis).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
        properties = {
            // Every request asks the (mocked) token lookup, so no test sees another's cached caller.
            "comanda.api.token-cache-ttl=0",
            "comanda.api.operator-key=" + SliceCallers.OPERATOR_KEY
        },
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.comanda\\.api\\.events\\..*"))
@Import({
    SliceBeans.class,
    SliceCallers.class,
    TokenCache.class,
    ProblemWriter.class,
    SecurityConfiguration.class,
    SecurityProblems.class,
    ApiKeyAuthenticationProvider.class,
    OperatorKeyAuthenticationProvider.class
})
// People's access tokens are not what the slices are about: a mock provider passes every token on.
@MockitoBean(
        types = {
            ApiTokens.class,
            RateLimits.class,
            OffboardedTenants.class,
            AccessTokenAuthenticationProvider.class,
            TrackingTokenAuthenticationProvider.class,
            TrackingTokens.class
        })
public @interface ApiSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
