package dev.comanda.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarded;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The offboarding's flow over mocked activities, in skipped time: drain, wait for open orders, erase, shred. */
class TenantOffboardingWorkflowTests {

    private static final String TENANT = "pizzeria";
    private static final Duration DRAIN = Duration.ofSeconds(14);

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final ErasureActivities activities =
            mock(ErasureActivities.class, withSettings().withoutAnnotations());
    /** Workflow time of each openOrders call, in milliseconds. */
    private final List<Long> counted = new ArrayList<>();

    TenantOffboardingWorkflowTests() {
        var worker = env.newWorker(TenantOffboardingWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(TenantOffboardingWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        env.start();
        when(activities.anonymizeTenant(TENANT)).thenReturn(new Erased(3, 5, 2, 0));
        when(activities.deleteTenantDataKeys(TENANT)).thenReturn(4);
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void afterTheDrainTheTenantsCustomersAreErasedAndThenItsKeysDeleted() {
        openOrders(0);
        var started = env.currentTimeMillis();

        var offboarded = run();

        assertThat(offboarded).isEqualTo(new Offboarded(TENANT, new Erased(3, 5, 2, 4)));
        assertThat(counted).hasSize(1);
        assertThat(counted.getFirst() - started).isGreaterThanOrEqualTo(DRAIN.toMillis());
        var order = inOrder(activities);
        order.verify(activities).openOrders(TENANT);
        order.verify(activities).anonymizeTenant(TENANT);
        order.verify(activities).deleteTenantDataKeys(TENANT);
    }

    @Test
    void ordersStillOpenAreWaitedForBeforeAnythingIsErased() {
        openOrders(2, 1, 0);

        run();

        assertThat(counted).hasSize(3);
        assertThat(counted.get(2) - counted.get(0))
                .isGreaterThanOrEqualTo(2 * TenantOffboardingWorkflowImpl.OPEN_ORDERS_POLL.toMillis());
        var order = inOrder(activities);
        order.verify(activities, times(3)).openOrders(TENANT);
        order.verify(activities).anonymizeTenant(TENANT);
        order.verify(activities).deleteTenantDataKeys(TENANT);
    }

    @Test
    void aStepThatFailsIsRetriedAndTheKeysAreDeletedOnlyAfterTheRowsAreErased() {
        openOrders(0);
        when(activities.anonymizeTenant(TENANT))
                .thenThrow(ApplicationFailure.newFailure("database unavailable", "DataAccessException"))
                .thenReturn(new Erased(3, 5, 2, 0));

        var offboarded = run();

        assertThat(offboarded.erased()).isEqualTo(new Erased(3, 5, 2, 4));
        verify(activities, times(2)).anonymizeTenant(TENANT);
        verify(activities).deleteTenantDataKeys(TENANT);
    }

    @Test
    void anOffboardingThatNeverEndsItsWaitNeverErases() {
        openOrders(1);

        start();
        env.sleep(Duration.ofHours(2));

        assertThat(counted.size()).isGreaterThan(100);
        verify(activities, never()).anonymizeTenant(anyString());
        verify(activities, never()).deleteTenantDataKeys(anyString());
    }

    @Test
    void aTenantsWorkflowsAreToldFromThoseOfATenantWhoseIdStartsTheSame() {
        var order = "0123456789abcdef0123456789abcdef";
        var hash = "fedcba9876543210fedcba9876543210";

        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, "order-pizzeria-" + order))
                .isTrue();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, "erasure-pizzeria-" + hash))
                .isTrue();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, "ops-retry-pizzeria-" + order + "-" + hash))
                .isTrue();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, "order-pizzeria-two-" + order))
                .isFalse();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, "order-pizzeria-" + hash + "-" + order))
                .isFalse();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(
                        TENANT, "ops-retry-pizzeria-" + hash + "-" + order + "-" + hash))
                .isFalse();
        assertThat(TenantOffboardingWorkflow.isWorkflowOf(TENANT, TenantOffboardingWorkflow.workflowId(TENANT)))
                .isFalse();
        assertThat(TenantOffboardingWorkflow.workflowIdPrefixes(TENANT))
                .allSatisfy(prefix -> assertThat(prefix).endsWith("-pizzeria-"));
    }

    /** openOrders answers these counts, the last one from then on, noting the workflow time of each call. */
    private void openOrders(int... counts) {
        var answers = new int[] {0};
        when(activities.openOrders(TENANT)).thenAnswer(call -> {
            counted.add(env.currentTimeMillis());
            var i = Math.min(answers[0]++, counts.length - 1);
            return counts[i];
        });
    }

    private TenantOffboardingWorkflow start() {
        var workflow = env.getWorkflowClient()
                .newWorkflowStub(
                        TenantOffboardingWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(TenantOffboardingWorkflow.workflowId(TENANT))
                                .setTaskQueue(TenantOffboardingWorkflow.TASK_QUEUE)
                                .build());
        WorkflowClient.start(workflow::offboard, new Offboarding(TENANT, "operator", DRAIN));
        return workflow;
    }

    private Offboarded run() {
        start();
        return env.getWorkflowClient()
                .newUntypedWorkflowStub(TenantOffboardingWorkflow.workflowId(TENANT))
                .getResult(Offboarded.class);
    }
}
