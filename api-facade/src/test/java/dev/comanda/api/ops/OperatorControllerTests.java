package dev.comanda.api.ops;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.SliceCallers.OPERATOR_KEY;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.api.order.MarketplaceChannels;
import dev.comanda.order.Actor;
import dev.comanda.persistence.notification.RestaurantEndpoint;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.Tenant;
import dev.comanda.persistence.tenant.TenantRepository;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The operator endpoints: the operator key only (a tenant's token is no key), bad input, 201 and 204. */
@ApiSliceTest(OperatorController.class)
@MockitoBean(
        types = {
            TenantOnboarding.class,
            TenantRepository.class,
            RestaurantEndpointRepository.class,
            MarketplaceEndpointRepository.class,
            MarketplaceChannels.class
        })
class OperatorControllerTests {

    private static final String ROMA = "{\"id\":\"roma\",\"name\":\"Roma\",\"currency\":\"BRL\"}";
    private static final String RESTAURANT = "/api/v1/ops/tenants/roma/restaurant-endpoint";
    private static final String MARKETPLACE = "/api/v1/ops/tenants/roma/marketplaces/ifood";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    TenantOnboarding onboarding;

    @Autowired
    TenantRepository tenants;

    @Autowired
    RestaurantEndpointRepository restaurants;

    @Autowired
    MarketplaceEndpointRepository marketplaces;

    @Autowired
    MarketplaceChannels marketplaceChannels;

    @Test
    void creatingATenantAnswers201WithItsTokensByRole() throws Exception {
        var tokens = new EnumMap<Actor, String>(Map.of(Actor.ADMIN, "admin-token", Actor.OPS, "ops-token"));
        when(onboarding.create("roma", "Roma", "BRL")).thenReturn(Optional.of(tokens));

        operator(post("/api/v1/ops/tenants"), ROMA)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/ops/tenants/roma"))
                .andExpect(jsonPath("$.tokens.admin").value("admin-token"))
                .andExpect(jsonPath("$.tokens.ops").value("ops-token"));
    }

    @Test
    void aTakenTenantIdAnswers409() throws Exception {
        when(onboarding.create("roma", "Roma", "BRL")).thenReturn(Optional.empty());

        operator(post("/api/v1/ops/tenants"), ROMA).andExpect(problem(HttpStatus.CONFLICT));
    }

    @Test
    void aTenantIdThatIsNoSlugAnswers422NamingId() throws Exception {
        operator(post("/api/v1/ops/tenants"), ROMA.replace("\"roma\"", "\"Roma!\""))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "id"));
        verify(onboarding, never()).create(anyString(), anyString(), anyString());
    }

    @Test
    void aCurrencyThatIsNoIsoCodeAnswers422NamingCurrency() throws Exception {
        operator(post("/api/v1/ops/tenants"), ROMA.replace("BRL", "reais"))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "currency"));
    }

    @Test
    void settingTheRestaurantEndpointAnswers204() throws Exception {
        knownTenant();

        operator(put(RESTAURANT), "{\"email\":\"kitchen@roma.example\"}").andExpect(status().isNoContent());
        verify(restaurants).upsert(new RestaurantEndpoint("roma", null, null, "kitchen@roma.example"));
    }

    @Test
    void theRestaurantEndpointOfAnUnknownTenantAnswers404() throws Exception {
        operator(put(RESTAURANT), "{\"email\":\"kitchen@roma.example\"}").andExpect(problem(HttpStatus.NOT_FOUND));
        verify(restaurants, never()).upsert(any());
    }

    @Test
    void aWebhookUrlThatIsNoHttpUrlAnswers422NamingIt() throws Exception {
        knownTenant();

        operator(put(RESTAURANT), "{\"webhookUrl\":\"ftp://roma.example\"}")
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "webhookUrl"));
    }

    @Test
    void settingAMarketplaceAnswers204AndTheNextOrderReadsItAgain() throws Exception {
        knownTenant();

        operator(put(MARKETPLACE), "{\"url\":\"https://ifood.example/orders\",\"enabled\":true}")
                .andExpect(status().isNoContent());
        verify(marketplaces)
                .upsert(new MarketplaceEndpoint("roma", "ifood", "https://ifood.example/orders", null, true));
        verify(marketplaceChannels).changed("roma");
    }

    @Test
    void aMarketplaceWithoutEnabledAnswers422NamingEnabled() throws Exception {
        operator(put(MARKETPLACE), "{\"url\":\"https://ifood.example/orders\"}")
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "enabled"));
    }

    @Test
    void aChannelThatIsNoSlugAnswers400NamingChannel() throws Exception {
        operator(put("/api/v1/ops/tenants/roma/marketplaces/iFood"), "{\"url\":\"https://i.example\",\"enabled\":true}")
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "channel"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutTheKeyWith401(String method, String path, String body) throws Exception {
        mvc.perform(json(request(method, path), body)).andExpect(problem(HttpStatus.UNAUTHORIZED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesAWrongKeyWith401(String method, String path, String body) throws Exception {
        mvc.perform(json(request(method, path), body).header("X-Operator-Key", OPERATOR_KEY + "x"))
                .andExpect(problem(HttpStatus.UNAUTHORIZED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void aTenantsOpsTokenIsNoOperatorKey(String method, String path, String body) throws Exception {
        mvc.perform(json(request(method, path), body).with(callers.as(Actor.OPS)))
                .andExpect(problem(HttpStatus.UNAUTHORIZED))
                .andExpect(jsonPath("$.detail").value("a valid X-Operator-Key header is required"));
        verify(onboarding, never()).create(anyString(), anyString(), anyString());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/ops/tenants", ROMA),
                Arguments.of("PUT", RESTAURANT, "{\"email\":\"kitchen@roma.example\"}"),
                Arguments.of("PUT", MARKETPLACE, "{\"url\":\"https://ifood.example/orders\",\"enabled\":true}"));
    }

    private void knownTenant() {
        when(tenants.find("roma")).thenReturn(Optional.of(new Tenant("roma", "Roma", "BRL", Instant.EPOCH)));
    }

    private ResultActions operator(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return mvc.perform(json(request, body).header("X-Operator-Key", OPERATOR_KEY));
    }
}
