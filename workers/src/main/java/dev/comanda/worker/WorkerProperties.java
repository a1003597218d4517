package dev.comanda.worker;

import dev.comanda.order.OrderContract;
import dev.comanda.reconciliation.ReconciliationContract;
import io.temporal.common.VersioningBehavior;
import io.temporal.common.WorkerDeploymentVersion;
import io.temporal.worker.WorkerDeploymentOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which task queues this process polls and how hard. One process may poll every queue (the local
 * run), or each queue may get processes of its own that scale separately: set
 * {@code COMANDA_WORKER_QUEUES=payments} on one deployment, {@code orders} on another.
 *
 * @param queues task queues to poll, from {@link OrderContract} and {@link ReconciliationContract}
 * @param concurrency limits per queue: {@code workflow-tasks}, {@code activities}, {@code local-activities},
 *     {@code pollers} (e.g. {@code COMANDA_WORKER_CONCURRENCY_ORDERS_POLLERS}); queues not listed use
 *     {@link Concurrency#DEFAULT} (50, 100, 100, 4)
 * @param workflowCacheSize workflows kept in memory between tasks (sticky execution)
 * @param shutdownTimeout how long in-flight tasks may finish on shutdown
 * @param stickyScheduleToStart how long a workflow task waits on this worker's sticky queue before any
 *     worker may take it (the SDK's default); when a worker dies, the server hands its sticky tasks to
 *     another worker after this long. 0 turns sticky execution off, which only the SDK's in-memory
 *     service would need: it never applies this timeout.
 * @param deploymentName Temporal worker deployment this build belongs to ({@code COMANDA_WORKER_DEPLOYMENT});
 *     with {@code buildId} it turns worker versioning on. Both unset: unversioned workers, as before.
 * @param buildId this build's ID in the deployment ({@code COMANDA_WORKER_BUILD_ID}), e.g. the git commit
 * @param virtualThreads whether workflow code, pollers and task executors run on virtual threads
 *     ({@code COMANDA_WORKER_VIRTUAL_THREADS}): every workflow task hands the workflow's own thread the
 *     turn and waits for it (and local activities the same), and handing over between virtual threads
 *     costs far less CPU than waking platform threads (docs/benchmarks-log.md, "Cutting the cost")
 */
@ConfigurationProperties("comanda.worker")
public record WorkerProperties(
        @DefaultValue({
            OrderContract.ORDERS_TASK_QUEUE,
            OrderContract.PAYMENTS_TASK_QUEUE,
            OrderContract.NOTIFICATIONS_TASK_QUEUE,
            OrderContract.EXTERNAL_SYNC_TASK_QUEUE,
            ReconciliationContract.TASK_QUEUE
        })
        List<String> queues,

        Map<String, Concurrency> concurrency,
        @DefaultValue("600") int workflowCacheSize,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("5s") Duration stickyScheduleToStart,
        String deploymentName,
        String buildId,
        @DefaultValue("true") boolean virtualThreads) {

    public WorkerProperties {
        concurrency = concurrency == null ? Map.of() : Map.copyOf(concurrency);
        deploymentName = deploymentName == null || deploymentName.isBlank() ? null : deploymentName.strip();
        buildId = buildId == null || buildId.isBlank() ? null : buildId.strip();
        if ((deploymentName == null) != (buildId == null)) {
            throw new IllegalArgumentException(
                    "worker versioning needs both COMANDA_WORKER_DEPLOYMENT and COMANDA_WORKER_BUILD_ID, or neither");
        }
    }

    /**
     * Worker deployment versioning of this build (docs/architecture.md, "Changing the workflow"), empty when
     * unversioned. Orders are PINNED: an order finishes on the build that started it, so a deploy never
     * replays a running order on new code; the old build keeps polling until its orders drain (an hour at
     * most: PIX window, accept deadline, kitchen), and new orders go to whichever version is current.
     */
    Optional<WorkerDeploymentOptions> deploymentOptions() {
        if (deploymentName == null) {
            return Optional.empty();
        }
        return Optional.of(WorkerDeploymentOptions.newBuilder()
                .setUseVersioning(true)
                .setVersion(new WorkerDeploymentVersion(deploymentName, buildId))
                .setDefaultVersioningBehavior(VersioningBehavior.PINNED)
                .build());
    }

    Concurrency concurrencyOf(String queue) {
        return concurrency.getOrDefault(queue, Concurrency.DEFAULT);
    }

    /**
     * Slots and pollers of one queue's worker.
     *
     * @param workflowTasks concurrent workflow tasks
     * @param activities concurrent activities
     * @param localActivities concurrent local activities (the orders queue runs its MySQL writes as these)
     * @param pollers pollers per task kind
     */
    public record Concurrency(
            @DefaultValue("50") int workflowTasks,
            @DefaultValue("100") int activities,
            @DefaultValue("100") int localActivities,
            @DefaultValue("4") int pollers) {

        static final Concurrency DEFAULT = new Concurrency(50, 100, 100, 4);
    }
}
