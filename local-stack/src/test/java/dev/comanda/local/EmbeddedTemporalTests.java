package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.local.LockEventsWorkaround.Outcome;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTests {

    private static final LocalStackOptions.Temporal ANY_PORT = new LocalStackOptions.Temporal(null, 0, true);

    @Test
    void runsThousandsOfWorkflowsCorrectlyWithTheWorkaroundApplied() {
        try (var temporal = EmbeddedTemporal.start(ANY_PORT)) {
            assertThat(temporal.started()).isTrue();
            assertThat(temporal.timerFix()).isEqualTo(Outcome.APPLIED);

            // Each workflow checks its own result inside run(); a wrong or lost one fails the test.
            TrivialWorkflows.run(temporal.address(), 2_000, 2);
        }
    }

    @Test
    void servesTheDefaultNamespace() {
        try (var temporal = EmbeddedTemporal.start(ANY_PORT)) {
            var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.address())
                    .build());
            try {
                var namespace = stubs.blockingStub()
                        .describeNamespace(DescribeNamespaceRequest.newBuilder()
                                .setNamespace(TrivialWorkflows.NAMESPACE)
                                .build());
                assertThat(namespace.getNamespaceInfo().getName()).isEqualTo(TrivialWorkflows.NAMESPACE);
            } finally {
                stubs.shutdownNow();
            }
        }
    }

    @Test
    void reusesATemporalAlreadyServingThePort() {
        try (var first = EmbeddedTemporal.start(ANY_PORT)) {
            int port =
                    Integer.parseInt(first.address().substring(first.address().lastIndexOf(':') + 1));

            try (var second = EmbeddedTemporal.start(new LocalStackOptions.Temporal(null, port, true))) {
                assertThat(second.started()).isFalse();
                assertThat(second.address()).isEqualTo(first.address());
            }
            assertThat(EmbeddedTemporal.answersAsTemporal(first.address()))
                    .as("closing the reusing side leaves the first server running")
                    .isTrue();
        }
    }

    @Test
    void refusesAPortTakenBySomethingElse() throws Exception {
        try (var other = new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThatThrownBy(() ->
                            EmbeddedTemporal.start(new LocalStackOptions.Temporal(null, other.getLocalPort(), true)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not Temporal");
        }
    }

    @Test
    void startsNothingWhenAnAddressIsConfigured() {
        try (var running = EmbeddedTemporal.start(ANY_PORT);
                var configured = EmbeddedTemporal.start(new LocalStackOptions.Temporal(running.address(), 0, true))) {
            assertThat(configured.started()).isFalse();
            assertThat(configured.address()).isEqualTo(running.address());
        }
    }

    @Test
    void stopsTheServiceOnClose() {
        var temporal = EmbeddedTemporal.start(ANY_PORT);
        var address = temporal.address();
        temporal.close();

        assertThat(EmbeddedTemporal.answersAsTemporal(address)).isFalse();
    }
}
