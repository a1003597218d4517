package dev.comanda.api.ops;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.forbidden;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unauthenticated;
import static dev.comanda.api.auth.Problems.unavailable;
import static dev.comanda.api.auth.SliceCallers.OPERATOR_KEY;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.auth.SliceCallers.request;
import static dev.comanda.api.ops.OpsTemporal.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsLedger.Resolution;
import dev.comanda.persistence.ops.OpsQueue;
import dev.comanda.persistence.ops.QueueEntry;
import dev.comanda.persistence.ops.QueueReason;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

/** The ops queue's list, show and resolve: who may call them, bad parameters, and what they answer. */
@OpsSlice
class OpsOrderControllerTests {

    private static final String SHOW = "/api/v1/ops/orders/" + ORDER;
    private static final QueueEntry STUCK = new QueueEntry(
            TENANT, ORDER, QueueReason.STUCK_PREPARING, "PREPARING", null, Instant.parse("2026-12-01T11:00:00Z"), "");

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    WorkflowClient client;

    @Autowired
    OpsQueue queue;

    @Autowired
    OpsLedger ledger;

    private OpsTemporal temporal;

    @BeforeEach
    void temporal() {
        temporal = new OpsTemporal(client);
    }

    @Test
    void theQueueOfAnOpsTokenHoldsItsOwnTenant() throws Exception {
        when(queue.list(Set.of(), TENANT, Duration.ZERO, 100)).thenReturn(List.of(STUCK));

        mvc.perform(get("/api/v1/ops/orders/queue").with(callers.as(Actor.OPS)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.items[0].orderId").value(ORDER))
                .andExpect(jsonPath("$.items[0].reason").value("STUCK_PREPARING"));
    }

    @Test
    void theOperatorKeySeesEveryTenant() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue").header("X-Operator-Key", OPERATOR_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(0));
        verify(queue).list(eq(Set.of()), isNull(), eq(Duration.ZERO), anyInt());
    }

    @Test
    void aWrongOperatorKeyAnswers401() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue").header("X-Operator-Key", "guess"))
                .andExpect(problem(HttpStatus.UNAUTHORIZED));
    }

    @Test
    void anOpsTokenAskingForAnotherTenantAnswers403() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue?tenant=other-tenant").with(callers.as(Actor.OPS)))
                .andExpect(problem(HttpStatus.FORBIDDEN));
    }

    @Test
    void anUnknownReasonAnswers400NamingReason() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue?reason=BORED").with(callers.as(Actor.OPS)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "reason"));
    }

    @Test
    void anAgeThatIsNoDurationAnswers400NamingOlderThan() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue?older_than=10m").with(callers.as(Actor.OPS)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "older_than"));
    }

    @Test
    void aLimitOutOfRangeAnswers400NamingLimit() throws Exception {
        mvc.perform(get("/api/v1/ops/orders/queue?limit=501").with(callers.as(Actor.OPS)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "limit"));
    }

    @Test
    void anOrderNeitherQueuedNorKnownToTemporalAnswers404() throws Exception {
        temporal.unknown();

        mvc.perform(get(SHOW).with(callers.as(Actor.OPS))).andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void showingAnOrderWhoseWorkflowFailedListsThatAsAProblem() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);

        mvc.perform(get(SHOW).with(callers.as(Actor.OPS)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.workflow").value("FAILED"))
                .andExpect(jsonPath("$.problems[0].reason").value("WORKFLOW_FAILED"));
    }

    @Test
    void aTemporalThatDoesNotAnswerWithinTheBoundAnswers503WithRetryAfter() throws Exception {
        temporal.stalled();
        var started = System.nanoTime();

        mvc.perform(get(SHOW).with(callers.as(Actor.OPS))).andExpect(unavailable("temporal"));
        // The 2 s default Temporal timeout and the bounded call's grace, not the stalled call's minute.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theOperatorMustNameTheTenantOfAnOrder() throws Exception {
        mvc.perform(get(SHOW).header("X-Operator-Key", OPERATOR_KEY))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "tenant"));
    }

    @Test
    void resolvingAQueuedOrderAnswersTheAuditedAction() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of(STUCK));
        when(ledger.resolve(any()))
                .thenReturn(
                        Optional.of(new Resolution(TENANT, ORDER, "ops token 103", "called the shop", Instant.now())));

        resolve("r-1", "{\"note\":\"called the shop\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.order_id").value(ORDER))
                .andExpect(jsonPath("$.outcome").value("RESOLVED"))
                .andExpect(jsonPath("$.by")
                        .value("ops token " + SliceCallers.principal(Actor.OPS).tokenId()));
    }

    @Test
    void resolvingAnAlreadyResolvedOrderAnswers409() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of(STUCK));
        when(ledger.resolution(TENANT, ORDER))
                .thenReturn(Optional.of(new Resolution(TENANT, ORDER, "operator", "done", Instant.now())));

        resolve("r-2", "{\"note\":\"again\"}").andExpect(problem(HttpStatus.CONFLICT));
        verify(ledger, never()).resolve(any());
    }

    @Test
    void resolvingWithoutANoteAnswers422NamingNote() throws Exception {
        resolve("r-3", "{}").andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "note"));
    }

    @Test
    void resolvingWithoutAnIdempotencyKeyAnswers400NamingTheHeader() throws Exception {
        mvc.perform(json(post(SHOW + "/resolve"), "{\"note\":\"n\"}").with(callers.as(Actor.OPS)))
                .andExpect(fieldError(HttpStatus.BAD_REQUEST, "Idempotency-Key"));
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @MethodSource("endpointsByOtherRoles")
    void everyEndpointRefusesEveryRoleButOpsWith403(String method, String path, Actor role) throws Exception {
        mvc.perform(json(request(method, path), "{\"note\":\"n\",\"action\":\"REFUND\"}")
                        .header("Idempotency-Key", "k-1")
                        .with(callers.as(role)))
                .andExpect(forbidden());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyEndpointRefusesACallerWithoutTokenOrKeyWith401(String method, String path) throws Exception {
        mvc.perform(json(request(method, path), "{}").header("Idempotency-Key", "k-1"))
                .andExpect(unauthenticated());
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/ops/orders/queue"),
                Arguments.of("GET", SHOW),
                Arguments.of("POST", SHOW + "/resolve"),
                Arguments.of("POST", SHOW + "/retry"));
    }

    static Stream<Arguments> endpointsByOtherRoles() {
        return endpoints()
                .flatMap(endpoint -> SliceCallers.rolesOtherThan(Actor.OPS).stream()
                        .map(role -> Arguments.of(endpoint.get()[0], endpoint.get()[1], role)));
    }

    private org.springframework.test.web.servlet.ResultActions resolve(String key, String body) throws Exception {
        return mvc.perform(json(post(SHOW + "/resolve"), body)
                .header("Idempotency-Key", key)
                .with(callers.as(Actor.OPS)));
    }
}
