package dev.comanda.local;

import dev.comanda.order.OrderSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Questions the local stack asks a Temporal frontend before the apps connect to it. */
final class TemporalProbe {

    private static final Logger log = LoggerFactory.getLogger(TemporalProbe.class);
    static final String NAMESPACE = "default";
    private static final long CALL_TIMEOUT_SECONDS = 3;

    private TemporalProbe() {}

    /** Whether a Temporal frontend answers at host:port (GetSystemInfo within a few seconds). */
    static boolean answers(String address) {
        var stubs = stubs(address);
        try {
            stubs.blockingStub()
                    .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            stubs.shutdownNow();
        }
    }

    /**
     * Registers Comanda's search attributes where they are missing — a server this stack did not start
     * (COMANDA_TEMPORAL_ADDRESS, or the in-memory fallback) has not been given them by flag.
     */
    static void ensureSearchAttributes(String address) {
        var stubs = stubs(address);
        var operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
        try {
            var known = known(operator);
            var missing = AddSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE);
            OrderSearchAttributes.names().stream()
                    .filter(name -> !known.containsKey(name))
                    .forEach(name -> missing.putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            if (missing.getSearchAttributesCount() > 0) {
                operator.blockingStub()
                        .withDeadlineAfter(CALL_TIMEOUT_SECONDS * 4, TimeUnit.SECONDS)
                        .addSearchAttributes(missing.build());
                log.info(
                        "registered search attributes {}",
                        missing.getSearchAttributesMap().keySet());
            }
        } finally {
            operator.shutdownNow();
            stubs.shutdownNow();
        }
    }

    /** The custom attributes the namespace has; none known when the service cannot list them (in-memory). */
    private static java.util.Map<String, IndexedValueType> known(OperatorServiceStubs operator) {
        try {
            return operator.blockingStub()
                    .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(NAMESPACE)
                            .build())
                    .getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return java.util.Map.of();
            }
            throw e;
        }
    }

    private static WorkflowServiceStubs stubs(String address) {
        return WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    }
}
