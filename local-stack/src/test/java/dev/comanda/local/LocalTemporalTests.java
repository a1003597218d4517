package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTemporalTests {

    @TempDir
    Path dir;

    @Test
    void theInMemoryServiceStandsInOnlyWhenAskedAndTakesOrdersSearchAttributes() {
        var options = new LocalStackOptions.Temporal(
                null, null, 0, -1, 0, null, dir, dir, true, false, LocalStackOptions.InMemory.ALWAYS, null);
        try (var temporal = LocalTemporal.start(options)) {
            assertThat(temporal.kind()).isEqualTo(LocalTemporal.Kind.IN_MEMORY);
            assertThat(temporal.uiUrl()).isNull();
            var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.address())
                    .build());
            try {
                var started = WorkflowClient.newInstance(stubs)
                        .newUntypedWorkflowStub(
                                OrderContract.WORKFLOW_TYPE,
                                WorkflowOptions.newBuilder()
                                        .setWorkflowId("order-probe")
                                        .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                                .set(OrderSearchAttributes.STATUS, "PENDING")
                                                .set(OrderSearchAttributes.TENANT, "probe")
                                                .build())
                                        .build())
                        .start();
                assertThat(started.getRunId()).isNotBlank();
            } finally {
                stubs.shutdownNow();
            }
        }
    }

    @Test
    void aConfiguredCliThatIsNotThereIsAnErrorEvenWhereTheFallbackIsAllowed() {
        var options = new LocalStackOptions.Temporal(
                null,
                null,
                0,
                -1,
                0,
                dir.resolve("no-such-temporal").toString(),
                dir,
                dir,
                true,
                false,
                LocalStackOptions.InMemory.FALLBACK,
                null);

        assertThatThrownBy(() -> LocalTemporal.start(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COMANDA_TEMPORAL_CLI")
                .hasMessageContaining("not an executable");
    }
}
