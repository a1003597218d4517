package dev.comanda.api.ops;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.comanda.api.auth.SliceCallers;
import dev.comanda.order.OrderContract;
import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;

/** The gRPC side of a mocked {@link WorkflowClient}: what describe answers for the slice's order. */
final class OpsTemporal {

    static final String ORDER = "0123456789abcdef0123456789abcdef";
    static final String WORKFLOW_ID = OrderContract.workflowId(SliceCallers.TENANT, ORDER);

    final WorkflowServiceBlockingStub service = mock(WorkflowServiceBlockingStub.class);

    OpsTemporal(WorkflowClient client) {
        var stubs = mock(WorkflowServiceStubs.class);
        when(client.getWorkflowServiceStubs()).thenReturn(stubs);
        when(stubs.blockingStub()).thenReturn(service);
        when(client.getOptions())
                .thenReturn(WorkflowClientOptions.newBuilder()
                        .setNamespace("default")
                        .build());
    }

    /** Temporal has never heard of the order's workflow. */
    void unknown() {
        when(service.describeWorkflowExecution(any())).thenThrow(Status.NOT_FOUND.asRuntimeException());
    }

    /** Temporal takes the describe but does not answer (for far longer than any bound of the API). */
    void stalled() {
        when(service.describeWorkflowExecution(any())).thenAnswer(invocation -> {
            Thread.sleep(Duration.ofMinutes(1));
            throw new AssertionError("the stalled describe was waited for");
        });
    }

    /** The order's workflow is in {@code status}. */
    void workflow(WorkflowExecutionStatus status) {
        when(service.describeWorkflowExecution(any()))
                .thenReturn(DescribeWorkflowExecutionResponse.newBuilder()
                        .setWorkflowExecutionInfo(
                                WorkflowExecutionInfo.newBuilder().setStatus(status))
                        .build());
    }
}
