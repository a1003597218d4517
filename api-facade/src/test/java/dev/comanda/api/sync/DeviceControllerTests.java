package dev.comanda.api.sync;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
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
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.pos.PosDevices.Device;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@ApiSliceTest(DeviceController.class)
class DeviceControllerTests {

    private static final String ID = "fedcba9876543210fedcba9876543210";
    private static final Device TILL = new Device(ID, "Till 1", Instant.parse("2026-12-01T12:00:00Z"), null);

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @MockitoBean
    PosDevices devices;

    @Test
    void registeringADeviceAnswers201WithItsLocationAndItsTokenOnce() throws Exception {
        when(devices.register(TENANT, "Till 1")).thenReturn(new PosDevices.Registered(TILL, "device-token"));

        mvc.perform(json(post("/api/v1/devices"), "{\"name\":\"Till 1\"}").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/devices/" + ID))
                .andExpect(jsonPath("$.id").value(ID))
                .andExpect(jsonPath("$.token").value("device-token"));
    }

    @Test
    void aDeviceWithoutNameAnswers422NamingName() throws Exception {
        mvc.perform(json(post("/api/v1/devices"), "{}").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "name"));
        verify(devices, never()).register(anyString(), anyString());
    }

    @Test
    void aNameWithControlCharactersAnswers422NamingName() throws Exception {
        mvc.perform(json(post("/api/v1/devices"), "{\"name\":\"Till\\u0007\"}").with(callers.as(Actor.ADMIN)))
                .andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "name"));
    }

    @Test
    void theListHoldsTheTenantsDevicesWithoutTokens() throws Exception {
        when(devices.list(TENANT)).thenReturn(List.of(TILL));

        mvc.perform(get("/api/v1/devices").with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(ID))
                .andExpect(jsonPath("$[0].token").doesNotExist());
    }

    @Test
    void revokingADeviceAnswers204() throws Exception {
        when(devices.revoke(TENANT, ID)).thenReturn(true);

        mvc.perform(delete("/api/v1/devices/" + ID).with(callers.as(Actor.ADMIN)))
                .andExpect(status().isNoContent());
    }

    @Test
    void revokingAnUnknownDeviceAnswers404() throws Exception {
        mvc.perform(delete("/api/v1/devices/" + ID).with(callers.as(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void revokingSomethingThatIsNoDeviceIdAnswers404WithoutALookup() throws Exception {
        mvc.perform(delete("/api/v1/devices/till-1").with(callers.as(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.NOT_FOUND));
        verify(devices, never()).revoke(anyString(), anyString());
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("endpointsByOtherRoles")
    void everyEndpointRefusesEveryRoleButAdminWith403(String method, String path, Actor role) throws Exception {
        mvc.perform(json(request(method, path), "{\"name\":\"Till 1\"}").with(callers.as(role)))
                .andExpect(forbidden());
        verify(devices, never()).register(anyString(), anyString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutATokenWith401(String method, String path) throws Exception {
        mvc.perform(json(request(method, path), "{\"name\":\"Till 1\"}")).andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/devices"),
                Arguments.of("GET", "/api/v1/devices"),
                Arguments.of("DELETE", "/api/v1/devices/" + ID));
    }

    static Stream<Arguments> endpointsByOtherRoles() {
        return endpoints()
                .flatMap(endpoint -> SliceCallers.rolesOtherThan(Actor.ADMIN).stream()
                        .map(role -> Arguments.of(endpoint.get()[0], endpoint.get()[1], role)));
    }
}
