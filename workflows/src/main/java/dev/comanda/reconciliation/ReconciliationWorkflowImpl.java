package dev.comanda.reconciliation;

import static dev.comanda.reconciliation.ReconciliationContract.findingKey;

import dev.comanda.reconciliation.ReconciliationActivities.Repair;
import dev.comanda.reconciliation.ReconciliationActivities.Scan;
import dev.comanda.reconciliation.ReconciliationActivities.ScanRequest;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One reconciliation run: a scan, then one repair activity per finding, {@code parallelism} at a time,
 * then the report. A repair that fails every attempt is recorded and found again by the next run, so
 * a provider outage delays a repair but never loses it. A full batch continues as new, keeping each
 * run's history small however much a lost Temporal server left behind.
 */
public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

    /** The scan describes workflows and lists the provider's charges: slower than a repair, so its own timeout. */
    private final ActivityOptions scanning = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setMaximumAttempts(3)
                    .build())
            .build();

    /** Bounded: a repair still failing after these is left to the next run, which retries from scratch. */
    private final ActivityOptions repairing = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(20))
                    .setMaximumAttempts(5)
                    .build())
            .build();

    /** Writes of the findings table and the report: retried until the database answers. */
    private final ActivityOptions bookkeeping = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .setMaximumAttempts(20)
                    .build())
            .build();

    private final ReconciliationActivities scanner = Workflow.newActivityStub(ReconciliationActivities.class, scanning);
    private final ReconciliationActivities repairs =
            Workflow.newActivityStub(ReconciliationActivities.class, repairing);
    private final ReconciliationActivities books =
            Workflow.newActivityStub(ReconciliationActivities.class, bookkeeping);

    @Override
    public ReconciliationReport run(ReconciliationPolicy policy) {
        var info = Workflow.getInfo();
        var runId = info.getWorkflowId() + '/' + info.getRunId();
        var scan = scanner.scan(new ScanRequest(runId, policy));
        var tasks = repairTasks(runId, scan);
        int repaired = 0;
        int failed = 0;
        for (int from = 0; from < tasks.size(); from += policy.parallelism()) {
            var window = tasks.subList(from, Math.min(tasks.size(), from + policy.parallelism()));
            var started = window.stream().map(task -> task.repair().get()).toList();
            for (int i = 0; i < window.size(); i++) {
                try {
                    if (started.get(i).get().changed()) {
                        repaired++;
                    }
                } catch (ActivityFailure e) {
                    failed++;
                    books.recordFailure(runId, window.get(i).findingKey(), rootMessage(e));
                }
            }
        }
        var report = new ReconciliationReport(scan.found(), repaired, scan.leftForOps(), failed, scan.stuck());
        books.finishRun(runId, report);
        if (scan.more() && repaired > 0) {
            // Only when this run got somewhere: a batch of findings that keep failing must not loop.
            Workflow.continueAsNew(policy);
        }
        return report;
    }

    private List<Task> repairTasks(String runId, Scan scan) {
        var tasks = new ArrayList<Task>();
        for (var order : scan.lostOrders()) {
            tasks.add(new Task(
                    findingKey(FindingKind.LOST_ORDER, order.orderId()),
                    () -> Async.function(repairs::repairLostOrder, runId, order)));
        }
        for (var placement : scan.placements()) {
            tasks.add(new Task(
                    findingKey(FindingKind.LOST_PLACEMENT, placement.orderId()),
                    () -> Async.function(repairs::restartPlacement, runId, placement)));
        }
        for (var charge : scan.charges()) {
            tasks.add(new Task(
                    findingKey(FindingKind.MISPLACED_CHARGE, charge.providerChargeId()),
                    () -> Async.function(repairs::refundCharge, runId, charge)));
        }
        for (var reservation : scan.reservations()) {
            tasks.add(new Task(
                    findingKey(FindingKind.LOOSE_RESERVATION, reservation.reservationKey()),
                    () -> Async.function(repairs::releaseReservation, runId, reservation)));
        }
        return tasks;
    }

    private static String rootMessage(Throwable failure) {
        var cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** One repair, started lazily so only a window of them is in flight. */
    private record Task(String findingKey, Supplier<Promise<Repair>> repair) {}
}
