package dev.comanda.api.ops;

import static dev.comanda.api.auth.Problems.fieldError;
import static dev.comanda.api.auth.Problems.problem;
import static dev.comanda.api.auth.SliceCallers.TENANT;
import static dev.comanda.api.auth.SliceCallers.json;
import static dev.comanda.api.ops.OpsTemporal.ORDER;
import static dev.comanda.api.ops.OpsTemporal.WORKFLOW_ID;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Actor;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsLedger.Action;
import dev.comanda.persistence.ops.OpsLedger.ActionKind;
import dev.comanda.persistence.ops.OpsQueue;
import dev.comanda.persistence.ops.QueueEntry;
import dev.comanda.persistence.ops.QueueReason;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderView;
import dev.comanda.reconciliation.OrderRetryWorkflow;
import dev.comanda.reconciliation.OrderRetryWorkflow.Kind;
import dev.comanda.reconciliation.OrderRetryWorkflow.RetryRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Retries and resets from the ops queue, and how Temporal's answers to them become the audited outcome. */
@OpsSlice
class OpsRetryTests {

    private static final String RETRY = "/api/v1/ops/orders/" + ORDER + "/retry";
    private static final String KEY = OpsLedger.scopedKey(TENANT, "retry-1");
    private static final NotificationOutbox.Key CONFIRMED_NOTICE =
            new NotificationOutbox.Key(TENANT, ORDER, "CONFIRMED");
    private static final QueueEntry REFUND_PENDING =
            new QueueEntry(TENANT, ORDER, QueueReason.REFUND_PENDING, "REJECTED", null, Instant.EPOCH, "");

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

    @Autowired
    OrderQueries orders;

    @Autowired
    NotificationOutbox notices;

    private final OrderRetryWorkflow retryWorkflow = mock(OrderRetryWorkflow.class);
    private final WorkflowStub retryRun = mock(WorkflowStub.class);
    private OpsTemporal temporal;

    @BeforeEach
    void temporal() {
        temporal = new OpsTemporal(client);
        when(client.newWorkflowStub(eq(OrderRetryWorkflow.class), any(WorkflowOptions.class)))
                .thenReturn(retryWorkflow);
        when(client.newUntypedWorkflowStub(anyString())).thenReturn(retryRun);
    }

    @Test
    void aRefundRetryAnswersWhatItsWorkflowReturned() throws Exception {
        refundPending();
        when(retryRun.getResult(anyLong(), any(TimeUnit.class), eq(String.class)))
                .thenReturn("REFUNDED");

        retry("{\"action\":\"REFUND\"}").andExpect(status().isOk());
        verify(ledger).complete(KEY, "REFUNDED");
    }

    @Test
    void aRetryWhoseWorkflowAlreadyRanAnswersItsResult() throws Exception {
        refundPending();
        when(retryWorkflow.retry(any()))
                .thenThrow(new WorkflowExecutionAlreadyStarted(execution(), "OrderRetry", null));
        when(retryRun.getResult(anyLong(), any(TimeUnit.class), eq(String.class)))
                .thenReturn("REFUNDED");

        retry("{\"action\":\"REFUND\"}").andExpect(status().isOk());
        verify(ledger).complete(KEY, "REFUNDED");
    }

    @Test
    void aRetryWhoseWorkflowFailedRecordsTheFailure() throws Exception {
        refundPending();
        when(retryRun.getResult(anyLong(), any(TimeUnit.class), eq(String.class)))
                .thenThrow(new WorkflowFailedException(
                        execution(),
                        "OrderRetry",
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
                        5,
                        RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                        ApplicationFailure.newNonRetryableFailure("the provider refused", "REFUND_REFUSED")));

        retry("{\"action\":\"REFUND\"}").andExpect(status().isOk());
        verify(ledger).complete(eq(KEY), org.mockito.ArgumentMatchers.contains("the provider refused"));
    }

    @Test
    void aRetryStillRunningAfterTheWaitIsRecordedAsStarted() throws Exception {
        refundPending();
        when(retryRun.getResult(anyLong(), any(TimeUnit.class), eq(String.class)))
                .thenThrow(new TimeoutException());

        retry("{\"action\":\"REFUND\"}").andExpect(status().isOk());
        verify(ledger).complete(eq(KEY), org.mockito.ArgumentMatchers.startsWith("STARTED: still running as "));
    }

    @Test
    void aRefundRetryWithNoRefundPendingAnswers409() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        when(queue.problemsOf(TENANT, ORDER))
                .thenReturn(List.of(new QueueEntry(
                        TENANT, ORDER, QueueReason.STUCK_PREPARING, "PREPARING", null, Instant.EPOCH, "")));

        retry("{\"action\":\"REFUND\"}").andExpect(problem(HttpStatus.CONFLICT));
        verify(ledger, never()).begin(any());
    }

    @Test
    void aMarketplaceRetryWithoutChannelAnswers422NamingChannel() throws Exception {
        refundPending();

        retry("{\"action\":\"MARKETPLACE_PUSH\"}").andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "channel"));
    }

    @Test
    void aNotificationThatGaveUpIsSentAgainByItsRetryWorkflow() throws Exception {
        orderWithoutProblems();
        when(notices.status(CONFIRMED_NOTICE)).thenReturn(Optional.of("GAVE_UP"));
        completes(ActionKind.RETRY_NOTIFICATION);
        when(retryRun.getResult(anyLong(), any(TimeUnit.class), eq(String.class)))
                .thenReturn("notification CONFIRMED queued again");

        retry("{\"action\":\"NOTIFICATION\",\"notification\":\"CONFIRMED\",\"note\":\"SMTP back\"}")
                .andExpect(status().isOk());
        verify(retryWorkflow)
                .retry(new RetryRequest(Kind.NOTIFICATION, TENANT, ORDER, null, NotificationKind.CONFIRMED));
        verify(ledger).complete(KEY, "notification CONFIRMED queued again");
    }

    @Test
    void aNotificationRetryWithoutItsKindAnswers422NamingNotification() throws Exception {
        orderWithoutProblems();

        retry("{\"action\":\"NOTIFICATION\"}").andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "notification"));
        verify(ledger, never()).begin(any());
    }

    @Test
    void aNotificationRetryOfAKindThatDoesNotExistAnswers4xxNamingNotification() throws Exception {
        orderWithoutProblems();

        retry("{\"action\":\"NOTIFICATION\",\"notification\":\"DELIVERED\"}")
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("notification")));
        verify(ledger, never()).begin(any());
    }

    @Test
    void aNotificationRetryOfOneSentOrStillBeingTriedAnswers409() throws Exception {
        orderWithoutProblems();
        when(notices.status(CONFIRMED_NOTICE)).thenReturn(Optional.of("SENT"));

        retry("{\"action\":\"NOTIFICATION\",\"notification\":\"CONFIRMED\"}")
                .andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("the order's CONFIRMED notification did not give up (sent)"));
        verify(ledger, never()).begin(any());
        verify(retryWorkflow, never()).retry(any());
    }

    @Test
    void aRetryWithoutActionAnswers422NamingAction() throws Exception {
        retry("{}").andExpect(fieldError(HttpStatus.UNPROCESSABLE_CONTENT, "action"));
    }

    @Test
    void aKeyUsedForAnotherActionAnswers409() throws Exception {
        when(ledger.action(KEY))
                .thenReturn(Optional.of(new Action(
                        TENANT, ORDER, KEY, ActionKind.RESOLVE, "operator", "n", "RESOLVED", Instant.EPOCH)));

        retry("{\"action\":\"REFUND\"}")
                .andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("this Idempotency-Key was used for another action"));
    }

    @Test
    void resettingAWorkflowThatDidNotFailAnswers409() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of(REFUND_PENDING));

        retry("{\"action\":\"RESET\"}")
                .andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("only a FAILED workflow can be reset; this one is RUNNING"));
    }

    @Test
    void resettingAWorkflowTemporalDoesNotKnowAnswers409() throws Exception {
        temporal.unknown();
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of(REFUND_PENDING));

        retry("{\"action\":\"RESET\"}")
                .andExpect(problem(HttpStatus.CONFLICT))
                .andExpect(jsonPath("$.detail").value("only a FAILED workflow can be reset; this one is MISSING"));
    }

    @Test
    void resettingAFailedWorkflowGoesBackToItsLastCompletedWorkflowTask() throws Exception {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
        when(client.fetchHistory(WORKFLOW_ID))
                .thenReturn(new WorkflowExecutionHistory(History.newBuilder()
                        .addEvents(event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED))
                        .addEvents(event(4, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED))
                        .addEvents(event(9, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))
                        .build()));
        when(temporal.service.resetWorkflowExecution(any()))
                .thenReturn(ResetWorkflowExecutionResponse.newBuilder()
                        .setRunId("run-2")
                        .build());

        completes(ActionKind.RESET_WORKFLOW);

        retry("{\"action\":\"RESET\",\"note\":\"fixed the bug\"}").andExpect(status().isOk());
        verify(ledger).complete(KEY, "reset to event 4, new run run-2");
    }

    /** An order in the read model, none of its problems in the queue. */
    private void orderWithoutProblems() {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of());
        when(orders.find(TENANT, ORDER)).thenReturn(Optional.of(mock(OrderView.class)));
    }

    private void refundPending() {
        temporal.workflow(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        when(queue.problemsOf(TENANT, ORDER)).thenReturn(List.of(REFUND_PENDING));
        completes(ActionKind.RETRY_REFUND);
    }

    /** The first look finds no earlier action under the key; after the run, the completed one. */
    private void completes(ActionKind kind) {
        when(ledger.action(KEY))
                .thenReturn(
                        Optional.empty(),
                        Optional.of(new Action(TENANT, ORDER, KEY, kind, "ops", null, "done", Instant.EPOCH)));
    }

    private ResultActions retry(String body) throws Exception {
        return mvc.perform(
                json(post(RETRY), body).header("Idempotency-Key", "retry-1").with(callers.as(Actor.OPS)));
    }

    private static WorkflowExecution execution() {
        return WorkflowExecution.newBuilder().setWorkflowId("retry").build();
    }

    private static HistoryEvent event(long id, EventType type) {
        var event = HistoryEvent.newBuilder().setEventId(id).setEventType(type);
        if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
            event.setWorkflowExecutionStartedEventAttributes(
                    io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes.getDefaultInstance());
        }
        return event.build();
    }
}
