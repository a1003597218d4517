package dev.comanda.observability;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.HashSet;

/**
 * Gives an app's Temporal service stubs — the API's client, and every worker built on the workers' — a
 * metrics scope that skips the SDK timers of {@link SdkMetricsProperties#droppedTimers()}. The Temporal
 * starter applies this after it set its own scope (the same Micrometer reporter, every timer), which then
 * has nothing to report. Registered by {@link ObservabilityAutoConfiguration} where the starter is.
 */
class SdkMetricsScope implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder>, AutoCloseable {

    private final Scope scope;

    SdkMetricsScope(MeterRegistry registry, SdkMetricsProperties properties) {
        var reporter = new DroppedTemporalTimers(
                new MicrometerClientStatsReporter(registry), new HashSet<>(properties.droppedTimers()));
        this.scope = new RootScopeBuilder()
                .reporter(reporter)
                .reportEvery(com.uber.m3.util.Duration.ofMillis(
                        properties.reportInterval().toMillis()));
    }

    @Override
    public WorkflowServiceStubsOptions.Builder customize(WorkflowServiceStubsOptions.Builder options) {
        options.setMetricsScope(scope);
        return options;
    }

    /** Reports what is left and stops the scope's reporting thread. */
    @Override
    public void close() throws ScopeCloseException {
        scope.close();
    }
}
