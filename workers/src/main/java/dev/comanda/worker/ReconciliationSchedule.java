package dev.comanda.worker;

import dev.comanda.persistence.reconciliation.ReconciliationProperties;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The Temporal Schedule that starts a reconciliation run every {@code comanda.reconciliation.interval}.
 * Each worker polling the reconciliation queue creates it at start, or updates it when it exists (a
 * replica got there first, or the configuration changed), so the schedule always carries the current
 * interval and policy. Runs never overlap: a run still going when the next is due makes it skip. Every
 * interval it checks the schedule is still there and creates it again when not: a Temporal server that
 * lost its data (the very case the reconciliation exists for) lost the schedule with it.
 */
@Component
class ReconciliationSchedule implements SmartLifecycle, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);
    /** A chain of runs (continue-as-new) that takes longer than this is cut; the next schedule starts afresh. */
    private static final Duration RUN_TIMEOUT = Duration.ofHours(1);

    private final WorkflowClient client;
    private final WorkerProperties workers;
    private final ReconciliationProperties properties;
    private volatile boolean running;
    /** The service has no schedules (the SDK's in-memory service): said once at start, not checked again. */
    private volatile boolean unsupported;

    ReconciliationSchedule(WorkflowClient client, WorkerProperties workers, ReconciliationProperties properties) {
        this.client = client;
        this.workers = workers;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        if (!properties.schedule() || !workers.queues().contains(ReconciliationContract.TASK_QUEUE)) {
            return;
        }
        try {
            createOrUpdate();
        } catch (RuntimeException e) {
            // The reconciliation is a safety net: a Temporal service without schedules must not stop
            // this worker from running orders. The alert on the last run's age says it is missing.
            if (hasStatus(e, Status.Code.UNIMPLEMENTED)) {
                unsupported = true;
                log.warn(
                        "no reconciliation schedule: the Temporal service at {} has no schedules (the SDK's"
                                + " in-memory service?), so orders Temporal loses are not repaired; run a real"
                                + " Temporal server (temporal server start-dev) to get it",
                        client.getWorkflowServiceStubs().getOptions().getTarget());
                return;
            }
            log.error(
                    "could not create or update the reconciliation schedule {}", ReconciliationContract.SCHEDULE_ID, e);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.schedule() && workers.queues().contains(ReconciliationContract.TASK_QUEUE)) {
            registrar.addFixedDelayTask(
                    new FixedDelayTask(this::recreateIfMissing, properties.interval(), properties.interval()));
        }
    }

    /** Creates the schedule again when the server no longer has it; true when it did. */
    boolean recreateIfMissing() {
        if (unsupported) {
            return false;
        }
        try {
            schedules().getHandle(ReconciliationContract.SCHEDULE_ID).describe();
            return false;
        } catch (RuntimeException e) {
            if (!hasStatus(e, Status.Code.NOT_FOUND)) {
                // Temporal unreachable: the next check tries again.
                log.warn("could not check the reconciliation schedule: {}", e.getMessage());
                return false;
            }
        }
        log.warn("the reconciliation schedule is gone from Temporal (its data was lost?): creating it again");
        createOrUpdate();
        return true;
    }

    /** Creates the schedule, or replaces its spec, action and policy when it exists. */
    void createOrUpdate() {
        var schedules = schedules();
        var schedule = schedule();
        try {
            schedules.createSchedule(
                    ReconciliationContract.SCHEDULE_ID,
                    schedule,
                    ScheduleOptions.newBuilder().build());
            log.info("created the reconciliation schedule, every {}", properties.interval());
        } catch (ScheduleAlreadyRunningException e) {
            schedules.getHandle(ReconciliationContract.SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
            log.info("updated the reconciliation schedule, every {}", properties.interval());
        }
    }

    private static boolean hasStatus(Throwable failure, Status.Code code) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == code) {
                return true;
            }
        }
        return false;
    }

    private ScheduleClient schedules() {
        return ScheduleClient.newInstance(
                client.getWorkflowServiceStubs(),
                ScheduleClientOptions.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setDataConverter(client.getOptions().getDataConverter())
                        .build());
    }

    private Schedule schedule() {
        var action = ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReconciliationWorkflow.class)
                .setArguments(properties.policy())
                .setOptions(WorkflowOptions.newBuilder()
                        .setWorkflowId(ReconciliationContract.WORKFLOW_ID_PREFIX)
                        .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                        .setWorkflowExecutionTimeout(RUN_TIMEOUT)
                        .build())
                .build();
        return Schedule.newBuilder()
                .setAction(action)
                .setSpec(ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(properties.interval())))
                        .build())
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        // Runs missed while no worker could start them are not made up: the next one covers them.
                        .setCatchupWindow(properties.interval())
                        .build())
                .build();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
