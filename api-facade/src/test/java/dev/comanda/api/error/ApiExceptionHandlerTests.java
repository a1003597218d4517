package dev.comanda.api.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisTimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How failures of the database, Redis and Temporal leave the API: a retryable 503 naming them, never a 500. */
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
    void aRollbackOnABrokenConnectionAnswers503NamingTheDatabase() throws Exception {
        expectUnavailable("/rollback-failed", "database");
    }

    @Test
    void aTransactionThatCannotBeginAnswers503NamingTheDatabase() throws Exception {
        expectUnavailable("/no-transaction", "database");
    }

    @Test
    void aQueryTimeoutAnswers503NamingTheDatabase() throws Exception {
        expectUnavailable("/query-timeout", "database");
    }

    @Test
    void aRedisTimeoutAnswers503NamingRedis() throws Exception {
        expectUnavailable("/redis-timeout", "redis");
    }

    @Test
    void aRedisConnectionErrorAnswers503NamingRedis() throws Exception {
        expectUnavailable("/redis-connection", "redis");
    }

    @Test
    void anUnreachableTemporalAnswers503NamingTemporal() throws Exception {
        expectUnavailable("/temporal-unavailable", "temporal");
    }

    @Test
    void aTemporalDeadlineAnswers503NamingTemporal() throws Exception {
        expectUnavailable("/temporal-deadline", "temporal");
    }

    @Test
    void anotherTemporalStatusStillAnswers500() throws Exception {
        mvc.perform(get("/temporal-invalid")).andExpect(status().isInternalServerError());
    }

    @Test
    void aServiceUnavailableApiExceptionCarriesRetryAfter() throws Exception {
        expectUnavailable("/workflow-silent", "temporal");
    }

    @Test
    void the503NeverShowsTheFailuresMessage() throws Exception {
        mvc.perform(get("/rollback-failed"))
                .andExpect(jsonPath("$.detail").value("temporarily unavailable, retry shortly"));
    }

    @Test
    void anythingElseUnexpectedStillAnswers500() throws Exception {
        mvc.perform(get("/bug")).andExpect(status().isInternalServerError());
    }

    private void expectUnavailable(String path, String dependency) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.dependency").value(dependency));
    }

    @RestController
    static class FailingController {

        private static final SQLNonTransientConnectionException LINK_LOST =
                new SQLNonTransientConnectionException("Communications link failure to db.internal:3306");

        @GetMapping("/rollback-failed")
        String rollbackFailed() {
            throw new TransactionSystemException("JDBC rollback failed", LINK_LOST);
        }

        @GetMapping("/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction", LINK_LOST);
        }

        @GetMapping("/query-timeout")
        String queryTimeout() {
            throw new QueryTimeoutException("SELECT * FROM orders took too long");
        }

        @GetMapping("/redis-timeout")
        String redisTimeout() {
            throw new RedisTimeoutException("Command execution timeout for redis.internal:6379");
        }

        @GetMapping("/redis-connection")
        String redisConnection() {
            throw new IllegalStateException(
                    "wrapped", new RedisConnectionException("Unable to connect to redis.internal:6379"));
        }

        @GetMapping("/temporal-unavailable")
        String temporalUnavailable() {
            throw new WorkflowServiceException(
                    WorkflowExecution.getDefaultInstance(),
                    "OrderWorkflow",
                    Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        }

        @GetMapping("/temporal-deadline")
        String temporalDeadline() {
            throw Status.DEADLINE_EXCEEDED.asRuntimeException();
        }

        @GetMapping("/temporal-invalid")
        String temporalInvalid() {
            throw Status.INVALID_ARGUMENT.asRuntimeException();
        }

        @GetMapping("/workflow-silent")
        String workflowSilent() {
            throw ApiException.unavailable(Unavailable.Dependency.TEMPORAL, "the order's workflow did not answer");
        }

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
