package dev.comanda.observability;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;

/**
 * How an app's Temporal service stubs talk to the server: without gzip unless told otherwise. SDK 1.38
 * compresses every gRPC request by default (and the server answers in kind), which costs CPU on both ends
 * of every poll, task completion and start for payloads of a few hundred bytes on a local network; on
 * this project's machine it was a measurable share of the Temporal server's CPU per order
 * (docs/benchmarks.md). GZIP is the setting for a thin link to a remote cluster. Registered by
 * {@link ObservabilityAutoConfiguration} next to the SDK's metrics scope, the other per-RPC cost.
 */
class TemporalTransport implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> {

    private final GrpcCompression compression;

    TemporalTransport(GrpcCompression compression) {
        this.compression = compression;
    }

    @Override
    public WorkflowServiceStubsOptions.Builder customize(WorkflowServiceStubsOptions.Builder options) {
        return options.setGrpcCompression(compression);
    }
}
