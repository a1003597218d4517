package dev.comanda.api.identity;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.persistence.tenant.ApiTokens.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

/** The admin's API keys: issue, list and revoke, with the key store (the slice's mocked tokens) as the caller. */
@ApiSliceTest(ApiKeyController.class)
class ApiKeyControllerTests {

    private static final String KEYS = "/api/v1/api-keys";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    ApiTokens tokens;

    @Test
    void issuingAKeyAnswers201WithItsLocationAndItsTokenOnce() throws Exception {
        when(tokens.issue(TENANT, Actor.KITCHEN, "kitchen tablet"))
                .thenReturn(new ApiTokens.IssuedToken(42, "cmd_new-key"));

        mvc.perform(json(post(KEYS), "{\"role\":\"KITCHEN\",\"name\":\"kitchen tablet\"}")
                        .with(callers.as(Actor.ADMIN)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", KEYS + "/42"))
                .andExpect(jsonPath("$.id").value(42))
                .andExpect(jsonPath("$.role").value("KITCHEN"))
                .andExpect(jsonPath("$.token").value("cmd_new-key"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"n\"}",
                "{\"role\":\"DEVICE\",\"name\":\"n\"}",
                "{\"role\":\"SYSTEM\",\"name\":\"n\"}"
            })
    void aKeyWithoutATenantRoleAnswers422NamingRole(String body) throws Exception {
        mvc.perform(json(post(KEYS), body).with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "role"));
        verify(tokens, never()).issue(anyString(), any(), anyString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"role\":\"OPS\"}",
                "{\"role\":\"OPS\",\"name\":\" \"}",
                "{\"role\":\"OPS\",\"name\":\"a\\u0007\"}"
            })
    void aKeyWithoutAProperNameAnswers422NamingName(String body) throws Exception {
        mvc.perform(json(post(KEYS), body).with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "name"));
        verify(tokens, never()).issue(anyString(), any(), anyString());
    }

    @Test
    void issuingAStorefrontKeyAnswersAPublishableToken() throws Exception {
        when(tokens.issuePublishable(TENANT, "web shop")).thenReturn(new ApiTokens.IssuedToken(43, "cmp_public"));

        mvc.perform(json(post(KEYS), """
                        {"role":"STOREFRONT","name":"web shop"}""").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("STOREFRONT"))
                .andExpect(jsonPath("$.token").value("cmp_public"));
        verify(tokens, never()).issue(anyString(), any(), anyString());
    }

    @Test
    void aRoleOfTheWrongTypeAnswers400NamingRole() throws Exception {
        mvc.perform(json(post(KEYS), "{\"role\":3,\"name\":\"n\"}").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "role"));
        verify(tokens, never()).issue(anyString(), any(), anyString());
    }

    @Test
    void theListHoldsTheTenantsKeysWithoutTokens() throws Exception {
        when(tokens.listKeys(TENANT))
                .thenReturn(List.of(new ApiKey(
                        7, Actor.CUSTOMER, "storefront", false, Instant.parse("2026-12-01T12:00:00Z"), null)));

        mvc.perform(get(KEYS).with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(7))
                .andExpect(jsonPath("$[0].role").value("CUSTOMER"))
                .andExpect(jsonPath("$[0].token").doesNotExist());
    }

    @Test
    void revokingAKeyAnswers204() throws Exception {
        when(tokens.revokeKey(TENANT, 7)).thenReturn(true);

        mvc.perform(delete(KEYS + "/7").with(callers.as(Actor.ADMIN))).andExpect(status().isNoContent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "not-a-number", "99999999999999999999"})
    void revokingAKeyTheTenantDoesNotHaveAnswers404(String id) throws Exception {
        mvc.perform(delete(KEYS + "/" + id).with(callers.as(Actor.ADMIN))).andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @ParameterizedTest(name = "{0} {1} as {3}")
    @MethodSource("endpointsByOtherRoles")
    void everyEndpointRefusesEveryRoleButAdminWith403(String method, String path, String body, Actor role)
            throws Exception {
        mvc.perform(json(request(method, path), body).with(callers.as(role))).andExpect(forbidden());
        verify(tokens, never()).issue(anyString(), any(), anyString());
        verify(tokens, never()).revokeKey(anyString(), anyLong());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutATokenWith401(String method, String path, String body) throws Exception {
        mvc.perform(json(request(method, path), body)).andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", KEYS, "{\"role\":\"KITCHEN\",\"name\":\"n\"}"),
                Arguments.of("GET", KEYS, ""),
                Arguments.of("DELETE", KEYS + "/7", ""));
    }

    static Stream<Arguments> endpointsByOtherRoles() {
        return endpoints()
                .flatMap(endpoint -> SliceCallers.rolesOtherThan(Actor.ADMIN).stream()
                        .map(role -> Arguments.of(endpoint.get()[0], endpoint.get()[1], endpoint.get()[2], role)));
    }
}
