package dev.comanda.api.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How failures of the database leave the API: a retryable 503, never a 500. */
class ApiExceptionHandlerTests {

    private final org.springframework.test.web.servlet.MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new FailingController())
            .setControllerAdvice(new ApiExceptionHandler())
            .build();

    @Test
    void unreachableDatabaseAnswers503WithRetryAfter() throws Exception {
        mvc.perform(get("/no-connection"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.status").value(503));
    }

    @Test
    void anythingElseUnexpectedStillAnswers500() throws Exception {
        mvc.perform(get("/bug")).andExpect(status().isInternalServerError());
    }

    @RestController
    static class FailingController {

        @GetMapping("/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException("Communications link failure");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a bug");
        }
    }
}
