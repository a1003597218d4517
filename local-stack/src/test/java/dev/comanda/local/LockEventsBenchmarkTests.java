package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures workflows/s of the in-memory Temporal service with and without the lockEvents workaround.
 * Not part of the suite (tag {@code benchmark}); run it as docs/benchmarks.md says. Sizes are set with
 * {@code -Dbenchmark.workflows=3000 -Dbenchmark.activities=5}.
 */
@Tag("benchmark")
class LockEventsBenchmarkTests {

    private static final int WORKFLOWS = Integer.getInteger("benchmark.workflows", 3_000);
    private static final int ACTIVITIES = Integer.getInteger("benchmark.activities", 5);
    private static final int WARM_UP_WORKFLOWS = 300;

    @Test
    void measureWorkflowsPerSecondWithAndWithoutTheWorkaround() {
        measure("warm-up (workaround on)", true, WARM_UP_WORKFLOWS);
        var without = measure("workaround off", false, WORKFLOWS);
        var with = measure("workaround on", true, WORKFLOWS);
        System.out.printf(
                Locale.ROOT,
                "%nRESULT %d workflows x %d activities: %.1f workflows/s without, %.1f with the workaround%n",
                WORKFLOWS,
                ACTIVITIES,
                without,
                with);
        assertThat(with).isPositive();
    }

    private static double measure(String label, boolean fix, int workflows) {
        try (var temporal = EmbeddedTemporal.start(new LocalStackOptions.Temporal(null, 0, fix))) {
            var elapsed = TrivialWorkflows.run(temporal.address(), workflows, ACTIVITIES);
            double rate = workflows / (elapsed.toNanos() / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d workflows in %.1f s = %.1f workflows/s%n",
                    label,
                    workflows,
                    elapsed.toNanos() / 1e9,
                    rate);
            return rate;
        }
    }
}
