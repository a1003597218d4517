package dev.comanda.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.comanda.order.OrderStatus;
import dev.comanda.reconciliation.ReconciliationActivities.LooseReservation;
import dev.comanda.reconciliation.ReconciliationActivities.LostOrder;
import dev.comanda.reconciliation.ReconciliationActivities.MisplacedCharge;
import dev.comanda.reconciliation.ReconciliationActivities.Repair;
import dev.comanda.reconciliation.ReconciliationActivities.Scan;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's flow over mocked activities: what gets repaired, recorded and reported. */
class ReconciliationWorkflowTests {

    private static final ReconciliationPolicy POLICY = new ReconciliationPolicy(
            Duration.ofMinutes(1),
            Duration.ofDays(2),
            Duration.ofHours(1),
            Duration.ofHours(1),
            100,
            2,
            new ReconciliationPolicy.StuckThresholds(
                    Duration.ofMinutes(8), Duration.ofMinutes(45), Duration.ofMinutes(15)));
    private static final String ORDER_A = "a".repeat(32);
    private static final String ORDER_B = "b".repeat(32);

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final ReconciliationActivities activities =
            mock(ReconciliationActivities.class, withSettings().withoutAnnotations());

    ReconciliationWorkflowTests() {
        var worker = env.newWorker(ReconciliationContract.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(ReconciliationWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
        when(activities.repairLostOrder(anyString(), any())).thenAnswer(call -> new Repair("lost", true, "ended"));
        when(activities.refundCharge(anyString(), any())).thenAnswer(call -> new Repair("charge", true, "refunded"));
        when(activities.releaseReservation(anyString(), any()))
                .thenAnswer(call -> new Repair("reservation", true, "released"));
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void repairsEveryFindingAndReportsWhatItFoundRepairedAndLeft() {
        when(activities.scan(any())).thenReturn(scan(List.of(lost(ORDER_A), lost(ORDER_B)), false));
        when(activities.repairLostOrder(anyString(), eq(lost(ORDER_B))))
                .thenReturn(new Repair("lost", false, "already terminal"));

        var report = run();

        assertThat(report).isEqualTo(new ReconciliationReport(5, 3, 1, 0, 2));
        verify(activities).repairLostOrder(anyString(), eq(lost(ORDER_A)));
        verify(activities).refundCharge(anyString(), eq(charge()));
        verify(activities).releaseReservation(anyString(), eq(reservation()));
        verify(activities).finishRun(anyString(), eq(report));
    }

    @Test
    void aRepairFailingEveryAttemptIsRecordedAndTheRunStillFinishes() {
        when(activities.scan(any())).thenReturn(scan(List.of(lost(ORDER_A)), false));
        when(activities.repairLostOrder(anyString(), any()))
                .thenThrow(ApplicationFailure.newFailure("provider down", "PaymentProviderUnavailable"));

        var report = run();

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.repaired()).isEqualTo(2);
        verify(activities, times(5)).repairLostOrder(anyString(), any());
        verify(activities)
                .recordFailure(
                        anyString(),
                        eq(ReconciliationContract.findingKey(FindingKind.LOST_ORDER, ORDER_A)),
                        org.mockito.ArgumentMatchers.contains("provider down"));
        verify(activities).finishRun(anyString(), eq(report));
    }

    @Test
    void aFullBatchThatRepairedSomethingContinuesAsNew() {
        when(activities.scan(any()))
                .thenReturn(scan(List.of(lost(ORDER_A)), true))
                .thenReturn(scan(List.of(), false));

        run();

        verify(activities, times(2)).scan(any());
    }

    @Test
    void aFullBatchThatRepairedNothingDoesNotLoop() {
        var empty = new Scan(List.of(lost(ORDER_A)), List.of(), List.of(), List.of(), 0, 0, true);
        when(activities.scan(any())).thenReturn(empty);
        when(activities.repairLostOrder(anyString(), any())).thenReturn(new Repair("lost", false, "nothing"));

        var report = run();

        assertThat(report.repaired()).isZero();
        verify(activities, times(1)).scan(any());
        verify(activities, never()).recordFailure(anyString(), anyString(), anyString());
    }

    private ReconciliationReport run() {
        var workflow = env.getWorkflowClient()
                .newWorkflowStub(
                        ReconciliationWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(ReconciliationContract.WORKFLOW_ID_PREFIX + "-test")
                                .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                                .build());
        WorkflowClient.start(workflow::run, POLICY);
        // The last run of a continue-as-new chain answers.
        return env.getWorkflowClient()
                .newUntypedWorkflowStub(ReconciliationContract.WORKFLOW_ID_PREFIX + "-test")
                .getResult(ReconciliationReport.class);
    }

    private static Scan scan(List<LostOrder> lost, boolean more) {
        return new Scan(lost, List.of(), List.of(charge()), List.of(reservation()), 1, 2, more);
    }

    private static LostOrder lost(String orderId) {
        return new LostOrder("pizzeria", orderId, OrderStatus.CONFIRMED, "MISSING");
    }

    private static MisplacedCharge charge() {
        return new MisplacedCharge("ch_1", "pizzeria", ORDER_A, 9000, "BRL", "succeeded", "ORDER_ENDED");
    }

    private static LooseReservation reservation() {
        return new LooseReservation("pizzeria", ORDER_B, ORDER_B + ":reservation", "ORDER_ENDED");
    }
}
