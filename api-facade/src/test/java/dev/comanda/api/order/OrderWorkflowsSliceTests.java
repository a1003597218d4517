package dev.comanda.api.order;

import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unavailable;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.order.OrderFixtures.ORDER;
import static dev.comanda.api.order.OrderFixtures.PATH;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.api.error.ProblemType;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.PlacementReceipts;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.worker.WorkflowExecutionException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** How each failure of the Temporal SDK that {@link OrderWorkflows} maps leaves the API. */
@OrderSlice
class OrderWorkflowsSliceTests {

    private static final WorkflowExecution EXECUTION = WorkflowExecution.newBuilder()
            .setWorkflowId(OrderContract.workflowId(TENANT, ORDER))
            .build();
    private static final String MOVE = "{\"status\":\"READY\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    WorkflowClient client;

    @Autowired
    OrderQueries queries;

    @Autowired
    PlacementReceipts receipts;

    private final OrderWorkflow workflow = mock(OrderWorkflow.class);
    private final WorkflowStub untyped = mock(WorkflowStub.class);
    /** Holds a call that Temporal never answers until the test ends. */
    private final CountDownLatch silence = new CountDownLatch(1);

    @BeforeEach
    void workflows() {
        when(client.newWorkflowStub(eq(OrderWorkflow.class), any(WorkflowOptions.class)))
                .thenReturn(workflow);
        when(client.newWorkflowStub(eq(OrderWorkflow.class), anyString())).thenReturn(workflow);
        when(client.newUntypedWorkflowStub(anyString())).thenReturn(untyped);
    }

    @AfterEach
    void speak() {
        silence.countDown();
    }

    @Test
    void anOrderTemporalDoesNotKnowAnswers404() throws Exception {
        when(workflow.state()).thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));

        read().andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void aQueryNoWorkerAnswersAnswers503NamingTemporal() throws Exception {
        when(workflow.state()).thenThrow(new WorkflowQueryException(EXECUTION, "OrderWorkflow", null));

        read().andExpect(unavailable("temporal"));
    }

    @Test
    void aQueryTheServiceFailsAnswers503NamingTemporal() throws Exception {
        when(workflow.state())
                .thenThrow(new WorkflowServiceException(EXECUTION, "OrderWorkflow", grpc(Status.UNAVAILABLE)));

        read().andExpect(unavailable("temporal"));
    }

    @Test
    void aQueryTemporalDoesNotAnswerInTimeAnswers503NamingTemporal() throws Exception {
        when(workflow.state()).thenAnswer(call -> {
            silence.await();
            return null;
        });

        read().andExpect(unavailable("temporal"));
    }

    @Test
    void whileTheWorkflowCannotAnswerTheReadModelAnswers() throws Exception {
        when(queries.find(TENANT, ORDER)).thenReturn(Optional.of(OrderFixtures.view(OrderStatus.PREPARING)));
        when(workflow.state()).thenThrow(new WorkflowQueryException(EXECUTION, "OrderWorkflow", null));

        read().andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PREPARING"));
    }

    @Test
    void anAcknowledgedOrderStaysReadableBeforeItsFirstRowWhileTheWorkflowCannotAnswer() throws Exception {
        when(receipts.find(TENANT, ORDER)).thenReturn(Optional.of(OrderFixtures.acknowledged(ORDER)));
        when(workflow.state()).thenThrow(new WorkflowQueryException(EXECUTION, "OrderWorkflow", null));

        read().andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.customer.name").value("Ana"));
    }

    @Test
    void aMoveRefusedByTheUpdateHandlerAnswers409WithItsReason() throws Exception {
        when(workflow.transition(any()))
                .thenThrow(refusal(ApplicationFailure.newNonRetryableFailure(
                        "cannot go from PENDING to READY", OrderContract.ILLEGAL_TRANSITION)));

        move().andExpect(problem(ProblemType.ILLEGAL_TRANSITION))
                .andExpect(jsonPath("$.detail").value("cannot go from PENDING to READY"));
    }

    @Test
    void aMoveRefusedByTheUpdateValidatorAnswers409WithItsReason() throws Exception {
        // SDK 1.38.0 (sdk-java#2875): a validator's refusal loses its type for the SDK wrapper's.
        when(workflow.transition(any()))
                .thenThrow(refusal(ApplicationFailure.newNonRetryableFailure(
                        "only the kitchen moves orders", WorkflowExecutionException.class.getName())));

        move().andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("only the kitchen moves orders"));
    }

    @Test
    void anUpdateFailureOfAnotherTypeIsNotPassedOffAsAConflict() throws Exception {
        when(workflow.transition(any()))
                .thenThrow(refusal(ApplicationFailure.newNonRetryableFailure("a bug", "NullPointerException")));

        move().andExpect(problem(ProblemType.INTERNAL))
                .andExpect(jsonPath("$.detail").value("internal error"));
    }

    @Test
    void aRefusedCancellationAnswers409WithItsReason() throws Exception {
        when(workflow.cancel(any()))
                .thenThrow(refusal(ApplicationFailure.newNonRetryableFailure(
                        "a customer cannot cancel after ACCEPTED", OrderContract.ILLEGAL_TRANSITION)));

        mvc.perform(json(post(PATH + "/cancel"), "{}").with(callers.as(Actor.CUSTOMER)))
                .andExpect(problem(ProblemType.ILLEGAL_TRANSITION))
                .andExpect(jsonPath("$.detail").value("a customer cannot cancel after ACCEPTED"));
    }

    @Test
    void aMoveOfAnEndedOrderAnswers409() throws Exception {
        when(workflow.transition(any())).thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));

        move().andExpect(problem(ProblemType.ILLEGAL_TRANSITION))
                .andExpect(jsonPath("$.detail").value("the order has already ended"));
    }

    @Test
    void aMoveOfAnOrderTemporalNeverHadAnswers404() throws Exception {
        when(workflow.transition(any())).thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));
        when(untyped.describe()).thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));

        move().andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void aMoveOfAnOrderTheServiceReportsNotFoundAnswers404() throws Exception {
        when(workflow.transition(any())).thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));
        when(untyped.describe()).thenThrow(grpc(Status.NOT_FOUND));

        move().andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void aMoveWhileTheWorkflowTaskIsFailingAnswers503NamingTemporal() throws Exception {
        when(workflow.transition(any()))
                .thenThrow(new WorkflowServiceException(EXECUTION, "OrderWorkflow", grpc(Status.FAILED_PRECONDITION)));

        move().andExpect(unavailable("temporal"))
                .andExpect(jsonPath("$.detail").value("the order's workflow is recovering; try again"));
    }

    @Test
    void aMoveWhileTemporalIsUnreachableAnswers503NamingTemporal() throws Exception {
        when(workflow.transition(any())).thenThrow(grpc(Status.UNAVAILABLE));

        move().andExpect(unavailable("temporal"));
    }

    @Test
    void aMovePastItsGrpcDeadlineAnswers503NamingTemporal() throws Exception {
        when(workflow.transition(any())).thenThrow(grpc(Status.DEADLINE_EXCEEDED));

        move().andExpect(unavailable("temporal"));
    }

    @Test
    void aMoveWhoseUpdateTimedOutAnswers503NamingTemporal() throws Exception {
        when(workflow.transition(any()))
                .thenThrow(new WorkflowUpdateTimeoutOrCancelledException(EXECUTION, "u-1", "transition", null));

        move().andExpect(unavailable("temporal"));
    }

    @Test
    void aMoveNoWorkerTakesWithinTheBoundAnswers503NamingTemporal() throws Exception {
        when(workflow.transition(any())).thenAnswer(call -> {
            silence.await();
            return null;
        });

        move().andExpect(unavailable("temporal"))
                .andExpect(jsonPath("$.detail").value("Temporal did not answer in time; try again"));
    }

    private ResultActions read() throws Exception {
        return mvc.perform(get(PATH).with(callers.as(Actor.CUSTOMER)));
    }

    private ResultActions move() throws Exception {
        return mvc.perform(json(post(PATH + "/transitions"), MOVE).with(callers.as(Actor.KITCHEN)));
    }

    private static WorkflowUpdateException refusal(ApplicationFailure failure) {
        return new WorkflowUpdateException(EXECUTION, "u-1", "transition", failure);
    }

    private static io.grpc.StatusRuntimeException grpc(Status status) {
        return status.asRuntimeException();
    }
}
