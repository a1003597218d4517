package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failed order workflow on the real server: the ops queue lists it from visibility and a RESET retry
 * puts it back on its last completed workflow task, from where it completes. The workflow is a stand-in
 * of type Order that fails once (no real order workflow fails on its own: its steps retry or compensate).
 */
@EndToEnd
class OpsResetEndToEndTests {

    /** Of type Order, like the real one, so the ops queue treats it as an order's workflow. */
    @WorkflowInterface
    public interface FailsOnce {
        @WorkflowMethod(name = OrderContract.WORKFLOW_TYPE)
        String run();
    }

    /** Sets a timer (a completed workflow task to reset to), then fails the first time it gets that far. */
    public static class FailsOnceImpl implements FailsOnce {
        static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

        @Override
        public String run() {
            Workflow.sleep(Duration.ofMillis(10));
            if (FAILED_ONCE.compareAndSet(false, true)) {
                throw ApplicationFailure.newNonRetryableFailure("a bug, fixed since", "Bug");
            }
            return "completed";
        }
    }

    private static E2eStack stack;
    private static WorkflowClient client;
    private static WorkerFactory workers;
    private static String queue;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        client = new Reconciliations(shared).client();
        queue = "fails-once-" + E2eStack.randomHex();
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(queue).registerWorkflowImplementationTypes(FailsOnceImpl.class);
        workers.start();
    }

    @AfterAll
    static void stop() {
        workers.shutdownNow();
    }

    @Test
    void aFailedWorkflowIsListedAndAResetRetryCompletesIt() throws InterruptedException {
        var tenant = stack.newTenant("ops-reset");
        var orderId = OrderContract.orderId(tenant.id(), "reset-" + E2eStack.randomHex());
        var workflowId = OrderContract.workflowId(tenant.id(), orderId);
        var stub = client.newWorkflowStub(
                FailsOnce.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(queue)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(OrderSearchAttributes.TENANT, tenant.id())
                                .build())
                        .build());
        WorkflowClient.start(stub::run);
        awaitStatus(workflowId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
        var listed = awaitListed(tenant, orderId);

        var reset = retry(tenant, orderId, "reset-1");
        var repeat = retry(tenant, orderId, "reset-1");

        assertThat(listed).isTrue();
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json().get("outcome").asString()).startsWith("reset to event ");
        assertThat(repeat.json().get("outcome").asString())
                .isEqualTo(reset.json().get("outcome").asString());
        assertThat(client.newUntypedWorkflowStub(workflowId).getResult(String.class))
                .isEqualTo("completed");
        // Completed now, and the stand-in has no order row: nothing of this tenant's is wrong there any more.
        var again = retry(tenant, orderId, "reset-2");
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
    }

    private static void awaitStatus(String workflowId, WorkflowExecutionStatus status) throws InterruptedException {
        var until = Instant.now().plusSeconds(30);
        while (client.newUntypedWorkflowStub(workflowId).describe().getStatus() != status) {
            assertThat(Instant.now()).as("%s %s", workflowId, status).isBefore(until);
            Thread.sleep(50);
        }
    }

    /** Visibility is eventually consistent: polls the queue until it lists the failed workflow. */
    private static boolean awaitListed(TestTenant tenant, String orderId) throws InterruptedException {
        var until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            var items = stack.api()
                    .withToken(tenant.ops())
                    .raw()
                    .get("/api/v1/ops/orders/queue?reason=WORKFLOW_FAILED")
                    .json()
                    .get("items");
            if (items.valueStream().anyMatch(e -> e.get("orderId").asString().equals(orderId))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static RawResponse retry(TestTenant tenant, String orderId, String key) {
        Map<String, String> headers = new LinkedHashMap<>(RawApi.bearer(tenant.ops()));
        headers.put("Idempotency-Key", key);
        return stack.api()
                .raw()
                .post(
                        "/api/v1/ops/orders/" + orderId + "/retry",
                        headers,
                        Map.of("action", "RESET", "note", "bug fixed"));
    }
}
