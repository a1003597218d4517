package dev.comanda.api.sync;

import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.Problems.unavailable;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.persistence.pos.PosDevices;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What the bearer token filter answers before any controller runs, shown on the device list. */
@ApiSliceTest(DeviceController.class)
class BearerTokenSliceTests {

    private static final String DEVICES = "/api/v1/devices";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @MockitoBean
    PosDevices devices;

    @Test
    void anUnknownTokenAnswers401() throws Exception {
        mvc.perform(get(DEVICES).header("Authorization", "Bearer nobody-knows-me"))
                .andExpect(unauthenticated());
        verifyNoInteractions(devices);
    }

    @Test
    void anotherAuthorizationSchemeAnswers401() throws Exception {
        mvc.perform(get(DEVICES).header("Authorization", "Basic YWRtaW46YWRtaW4="))
                .andExpect(unauthenticated());
    }

    @Test
    void aTokenStoreOutageAnswers503NamingTheDatabaseNot401() throws Exception {
        mvc.perform(get(DEVICES).with(callers.whileTheTokenStoreIsDown())).andExpect(unavailable("database"));
        verifyNoInteractions(devices);
    }

    @Test
    void aTokenOverItsRateLimitAnswers429WithRetryAfter() throws Exception {
        mvc.perform(get(DEVICES).with(callers.overItsRateLimit(Actor.ADMIN)))
                .andExpect(problem(HttpStatus.TOO_MANY_REQUESTS))
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().string("X-RateLimit-Remaining", "0"));
        verifyNoInteractions(devices);
    }

    @Test
    void aTokenWithinItsRateLimitIsToldWhatRemains() throws Exception {
        mvc.perform(get(DEVICES).with(callers.as(Actor.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(header().string("X-RateLimit-Remaining", "49"));
    }

    @Test
    void theRequestGoesThroughUnthrottledWhileTheLimiterIsDown() throws Exception {
        mvc.perform(get(DEVICES).with(callers.whileTheLimiterIsDown(Actor.ADMIN)))
                .andExpect(status().isOk());
        Mockito.verify(devices).list(TENANT);
    }
}
