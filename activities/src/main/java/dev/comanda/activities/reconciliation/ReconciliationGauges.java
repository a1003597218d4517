package dev.comanda.activities.reconciliation;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.OpenFinding;
import dev.comanda.observability.ComandaMetrics.StuckStep;
import dev.comanda.persistence.reconciliation.ReconciliationProperties;
import dev.comanda.persistence.reconciliation.ReconciliationRepository;
import dev.comanda.persistence.reconciliation.ReconciliationRepository.LatestRun;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reconciliation gauges, read from the latest finished run in the database (at most once per
 * {@code comanda.reconciliation.gauge-refresh}, whoever scrapes): every replica exports the same values, so a replica that ran an
 * old scan never keeps an alert firing.
 */
@Component
class ReconciliationGauges implements ComandaMetrics.ReconciliationView {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationGauges.class);

    private record Cached(long readAtNanos, Optional<LatestRun> run) {}

    private final ReconciliationRepository repository;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final Duration maxAge;

    ReconciliationGauges(
            ReconciliationRepository repository, ComandaMetrics metrics, ReconciliationProperties properties) {
        this.repository = repository;
        this.maxAge = properties.gaugeRefresh();
        metrics.watchReconciliation(this);
    }

    @Override
    public double lastRunEpochSeconds() {
        return latest().map(run -> (double) run.finishedAt().getEpochSecond()).orElse(Double.NaN);
    }

    @Override
    public double open(OpenFinding status) {
        return latest().map(run -> (double) (status == OpenFinding.LEFT_FOR_OPS ? run.leftForOps() : run.failed()))
                .orElse(0.0);
    }

    @Override
    public double stuck(StuckStep step) {
        return latest().map(run -> (double)
                        switch (step) {
                            case NOT_ACCEPTED -> run.stuckNotAccepted();
                            case PREPARING -> run.stuckPreparing();
                            case PIX_PENDING -> run.stuckPixPending();
                        })
                .orElse(0.0);
    }

    private Optional<LatestRun> latest() {
        var now = System.nanoTime();
        var current = cached.get();
        if (current != null && now - current.readAtNanos() < maxAge.toNanos()) {
            return current.run();
        }
        try {
            var fresh = new Cached(now, repository.latestRun());
            cached.set(fresh);
            return fresh.run();
        } catch (RuntimeException e) {
            // A scrape must not fail on a database hiccup: the last values stand until the next read.
            log.debug("reconciliation gauges not refreshed", e);
            return current == null ? Optional.empty() : current.run();
        }
    }
}
