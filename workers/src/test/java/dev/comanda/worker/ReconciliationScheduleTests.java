package dev.comanda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.persistence.reconciliation.ReconciliationProperties;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationPolicy;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation schedule on a real Temporal server: created once, updated on every later start; on the SDK's
 * in-memory service (no schedules) one line says so.
 */
class ReconciliationScheduleTests {

    private static final TemporalDevServer SERVER = TemporalDevServer.start(OrderSearchAttributes.registrations());

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theFirstStartCreatesTheScheduleAndALaterOneUpdatesItInPlace() {
        schedule(Duration.ofMinutes(5), Duration.ofMinutes(2)).start();
        var created = describe();

        schedule(Duration.ofSeconds(30), Duration.ofSeconds(20)).start();
        var updated = describe();

        assertThat(created.getSchedule().getSpec().getIntervals().getFirst().getEvery())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(updated.getSchedule().getSpec().getIntervals())
                .singleElement()
                .satisfies(interval -> assertThat(interval.getEvery()).isEqualTo(Duration.ofSeconds(30)));
        var action = (ScheduleActionStartWorkflow) updated.getSchedule().getAction();
        assertThat(action.getWorkflowType()).isEqualTo(ReconciliationContract.WORKFLOW_TYPE);
        assertThat(action.getOptions().getTaskQueue()).isEqualTo(ReconciliationContract.TASK_QUEUE);
        assertThat(action.getArguments().get(0, ReconciliationPolicy.class).grace())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(schedules().listSchedules().toList())
                .filteredOn(listed -> listed.getScheduleId().equals(ReconciliationContract.SCHEDULE_ID))
                .hasSize(1);
    }

    @Test
    void aWorkerThatDoesNotPollTheReconciliationQueueLeavesTheScheduleAlone() {
        schedule(Duration.ofMinutes(7), Duration.ofMinutes(2)).start();
        var workers = new WorkerProperties(
                List.of("payments"), Map.of(), 10, Duration.ofSeconds(1), Duration.ZERO, null, null, true);

        new ReconciliationSchedule(SERVER.client(), workers, properties(Duration.ofHours(3), Duration.ofMinutes(2)))
                .start();

        assertThat(describe().getSchedule().getSpec().getIntervals().getFirst().getEvery())
                .isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void aScheduleTheServerLostIsCreatedAgainAndAPresentOneIsLeftAlone() {
        var schedule = schedule(Duration.ofMinutes(9), Duration.ofMinutes(2));
        schedule.start();
        schedules().getHandle(ReconciliationContract.SCHEDULE_ID).delete();

        var recreated = schedule.recreateIfMissing();
        var again = schedule.recreateIfMissing();

        assertThat(recreated).isTrue();
        assertThat(again).isFalse();
        assertThat(describe().getSchedule().getSpec().getIntervals().getFirst().getEvery())
                .isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void aServiceWithoutSchedulesIsToldInOneLineWithoutAStackTraceAndNotAskedAgain() {
        var logger = (Logger) LoggerFactory.getLogger(ReconciliationSchedule.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        try (var inMemory = TestWorkflowEnvironment.newInstance()) {
            var schedule = new ReconciliationSchedule(
                    inMemory.getWorkflowClient(),
                    reconciliationWorker(),
                    properties(Duration.ofMinutes(5), Duration.ofMinutes(2)));

            schedule.start();
            var recreated = schedule.recreateIfMissing();

            assertThat(recreated).isFalse();
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("has no schedules");
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    private static ReconciliationSchedule schedule(Duration interval, Duration grace) {
        return new ReconciliationSchedule(SERVER.client(), reconciliationWorker(), properties(interval, grace));
    }

    private static WorkerProperties reconciliationWorker() {
        return new WorkerProperties(
                List.of(ReconciliationContract.TASK_QUEUE),
                Map.of(),
                10,
                Duration.ofSeconds(1),
                Duration.ZERO,
                null,
                null,
                true);
    }

    private static ReconciliationProperties properties(Duration interval, Duration grace) {
        return new ReconciliationProperties(
                true,
                interval,
                grace,
                Duration.ofDays(2),
                Duration.ofHours(1),
                Duration.ofHours(1),
                500,
                10,
                new ReconciliationProperties.Stuck(
                        Duration.ofMinutes(8), Duration.ofMinutes(45), Duration.ofMinutes(15)),
                Duration.ofSeconds(15));
    }

    private static ScheduleDescription describe() {
        return schedules().getHandle(ReconciliationContract.SCHEDULE_ID).describe();
    }

    private static ScheduleClient schedules() {
        return ScheduleClient.newInstance(
                SERVER.stubs(),
                ScheduleClientOptions.newBuilder()
                        .setNamespace(TemporalDevServer.NAMESPACE)
                        .setDataConverter(TemporalDevServer.dataConverter())
                        .build());
    }
}
