package dev.comanda.api.order;

import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.Problems.unavailable;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.order.OrderFixtures.ORDER;
import static dev.comanda.api.order.OrderFixtures.PATH;
import static dev.comanda.api.order.OrderFixtures.PIZZA;
import static dev.comanda.api.order.OrderFixtures.TAKEAWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.admission.Admission;
import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.order.PlacementReceipts;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** How the SDK's failures to start an order's workflow, or to read its history, leave the API. */
@OrderSlice
class OrderStartAndHistorySliceTests {

    private static final WorkflowExecution EXECUTION = WorkflowExecution.newBuilder()
            .setWorkflowId(OrderContract.workflowId(TENANT, ORDER))
            .build();

    @Autowired
    MockMvc mvc;

    @Autowired
    SliceCallers callers;

    @Autowired
    WorkflowClient client;

    @Autowired
    PlacementReplay replay;

    @Autowired
    CatalogService catalog;

    @Autowired
    PlacementReceipts receipts;

    @Autowired
    Admission admission;

    private final OrderWorkflow workflow = mock(OrderWorkflow.class);

    @BeforeEach
    void workflows() {
        when(client.newWorkflowStub(eq(OrderWorkflow.class), any(WorkflowOptions.class)))
                .thenReturn(workflow);
    }

    @Test
    void aPlacementWhoseWorkflowAlreadyRanAnswers201() throws Exception {
        placeable();
        doThrow(new WorkflowExecutionAlreadyStarted(EXECUTION, "OrderWorkflow", null))
                .when(workflow)
                .place(any());

        place().andExpect(status().isCreated());
    }

    @Test
    void aPlacementTemporalCannotTakeAnswers503NamingTemporal() throws Exception {
        placeable();
        doThrow(new WorkflowServiceException(EXECUTION, "OrderWorkflow", grpc(Status.UNAVAILABLE)))
                .when(workflow)
                .place(any());

        place().andExpect(unavailable("temporal"));
    }

    @Test
    void aPlacementTemporalDidNotAnswerKeepsItsAdmissionSlotForItsRetries() throws Exception {
        // The start may be under way on a server too slow to say: the slot stays the order's, and its retry
        // holds the same one instead of letting another order add to the server's load.
        placeable();
        doThrow(new WorkflowServiceException(EXECUTION, "OrderWorkflow", grpc(Status.DEADLINE_EXCEEDED)))
                .when(workflow)
                .place(any());
        var before = admission.inFlight();

        place("slow-server-1").andExpect(unavailable("temporal"));
        assertThat(admission.inFlight()).isEqualTo(before + 1);
        place("slow-server-1").andExpect(unavailable("temporal"));

        assertThat(admission.inFlight()).isEqualTo(before + 1);
    }

    @Test
    void aPlacementTheDatabaseRefusedGivesItsAdmissionSlotBack() throws Exception {
        // Nothing was started: the receipt is written before the start.
        placeable();
        doThrow(new CannotGetJdbcConnectionException("no connection"))
                .when(receipts)
                .record(any());
        var before = admission.inFlight();

        place("database-down-1").andExpect(unavailable("database"));

        assertThat(admission.inFlight()).isEqualTo(before);
    }

    @Test
    void theHistoryOfAnUnknownWorkflowAnswers404() throws Exception {
        when(client.fetchHistory(EXECUTION.getWorkflowId()))
                .thenThrow(new WorkflowNotFoundException(EXECUTION, "OrderWorkflow", null));

        history().andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void theHistoryOfAWorkflowTheServiceReportsNotFoundAnswers404() throws Exception {
        when(client.fetchHistory(EXECUTION.getWorkflowId())).thenThrow(grpc(Status.NOT_FOUND));

        history().andExpect(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void theHistoryWhileTemporalIsUnreachableAnswers503NamingTemporal() throws Exception {
        when(client.fetchHistory(EXECUTION.getWorkflowId())).thenThrow(grpc(Status.UNAVAILABLE));

        history().andExpect(unavailable("temporal"));
    }

    private ResultActions place() throws Exception {
        return mvc.perform(json(post("/api/v1/orders"), TAKEAWAY).with(callers.as(Actor.CUSTOMER)));
    }

    private ResultActions place(String idempotencyKey) throws Exception {
        return mvc.perform(json(post("/api/v1/orders"), TAKEAWAY)
                .header("Idempotency-Key", idempotencyKey)
                .with(callers.as(Actor.CUSTOMER)));
    }

    private ResultActions history() throws Exception {
        return mvc.perform(get(PATH + "/history").with(callers.as(Actor.OPS)));
    }

    private void placeable() {
        when(catalog.findForOrder(TENANT, List.of("PIZZA"))).thenReturn(Map.of("PIZZA", PIZZA));
        when(replay.storeFirst(anyString(), anyString(), anyString(), any())).thenReturn(Optional.empty());
    }

    private static io.grpc.StatusRuntimeException grpc(Status status) {
        return status.asRuntimeException();
    }
}
