package dev.comanda.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarded;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarding;
import dev.comanda.order.OrderContract;
import dev.comanda.testing.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Captures a customer's erasure and a tenant's offboarding from a real Temporal dev server, on activities
 * that answer fixed counts, into {@code erasure-histories/} beside the orders' {@code histories/}: run on
 * request only, with the orders' captures (the same command, docs/architecture.md "Changing the
 * workflow"). {@link ErasureWorkflowReplayTests} replays what they write.
 */
@Tag("capture")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureHistoryCaptureTests {

    static final String CUSTOMER_ERASED = "customer-erased.json";
    static final String TENANT_OFFBOARDED = "tenant-offboarded.json";
    private static final String TENANT = "pizzeria-roma";

    private final Path dir = Path.of(System.getProperty("comanda.histories.dir", "target/captured-histories"))
            .resolveSibling(ErasureReplays.FOLDER);
    private TemporalDevServer server;
    private WorkflowClient client;
    private WorkerFactory workers;

    @BeforeAll
    void startServerAndWorker() throws IOException {
        Files.createDirectories(dir);
        server = TemporalDevServer.start(List.of());
        client = server.client();
        workers = WorkerFactory.newInstance(client);
        var worker = workers.newWorker(TenantOffboardingWorkflow.TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(
                CustomerErasureWorkflowImpl.class, TenantOffboardingWorkflowImpl.class);
        worker.registerActivitiesImplementations(new FixedErasures());
        workers.start();
    }

    @AfterAll
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCustomersErasure() throws IOException {
        var orderId = OrderContract.orderId(TENANT, "capture-erasure");
        var workflow = client.newWorkflowStub(
                CustomerErasureWorkflow.class,
                options(CustomerErasureWorkflow.workflowId(TENANT, "0123456789abcdef0123456789abcdef")));

        var erased = workflow.erase(new Erasure(TENANT, List.of(orderId), "admin token 3"));

        assertThat(erased).isEqualTo(new Erased(1, 2, 1, 1));
        save(workflow, CUSTOMER_ERASED);
    }

    @Test
    void aTenantsOffboarding() throws IOException {
        var workflow = client.newWorkflowStub(
                TenantOffboardingWorkflow.class, options(TenantOffboardingWorkflow.workflowId(TENANT)));

        var offboarded = workflow.offboard(new Offboarding(TENANT, "operator", Duration.ofSeconds(1)));

        assertThat(offboarded).isEqualTo(new Offboarded(TENANT, new Erased(7, 12, 5, 9)));
        save(workflow, TENANT_OFFBOARDED);
    }

    private static WorkflowOptions options(String workflowId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TenantOffboardingWorkflow.TASK_QUEUE)
                .build();
    }

    /** Replayed before it is written: a history that does not replay today is never committed. */
    private void save(Object workflow, String fileName) throws IOException {
        var history = client.fetchHistory(
                WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
        try {
            ErasureReplays.replay(history);
        } catch (Exception e) {
            throw new AssertionError("the captured " + fileName + " history does not replay", e);
        }
        Files.writeString(dir.resolve(fileName), history.toJson(true));
    }

    /** The workers' part answering fixed counts: the capture is about the workflows' commands. */
    private static final class FixedErasures implements ErasureActivities {

        @Override
        public Erased anonymize(Erasure request) {
            return new Erased(request.orderIds().size(), 2, 1, 0);
        }

        @Override
        public int deleteDataKeys(Erasure request) {
            return request.orderIds().size();
        }

        @Override
        public int openOrders(String tenantId) {
            return 0;
        }

        @Override
        public Erased anonymizeTenant(String tenantId) {
            return new Erased(7, 12, 5, 0);
        }

        @Override
        public int deleteTenantDataKeys(String tenantId) {
            return 9;
        }
    }
}
