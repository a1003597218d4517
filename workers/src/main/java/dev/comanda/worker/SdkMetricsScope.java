package dev.comanda.worker;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import dev.comanda.observability.DroppedTemporalTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.HashSet;
import org.springframework.stereotype.Component;

/**
 * Gives the workers' service stubs, and so every worker built on them, a metrics scope that skips the
 * SDK timers of {@link SdkMetricsProperties#droppedTimers()}. The Temporal starter applies this after it
 * set its own scope (the same Micrometer reporter, every timer), which then has nothing to report.
 */
@Component
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
