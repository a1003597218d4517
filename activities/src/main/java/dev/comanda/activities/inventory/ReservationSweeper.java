package dev.comanda.activities.inventory;

import dev.comanda.inventory.ReservationStatus;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.persistence.inventory.InventoryRepository;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Releases reservations whose order stopped progressing: RESERVED past {@code expires_at + grace}. It
 * goes through the activity's own release path, so a sweep racing a workflow's commit or release is
 * decided by the same conditional UPDATE and applies once. Every worker may run it.
 *
 * <p>Scheduled at a fixed delay taken from {@link InventoryProperties.Sweeper} (a
 * {@link SchedulingConfigurer} rather than {@code @Scheduled}, so the interval lives in the typed
 * properties only); it runs when the application enables scheduling.
 */
@Component
public class ReservationSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);
    static final String REASON = "expired";

    private final InventoryRepository repository;
    private final InventoryActivitiesImpl inventory;
    private final InventoryProperties.Sweeper properties;
    private final ComandaMetrics metrics;
    private final AtomicLong released = new AtomicLong();

    ReservationSweeper(
            InventoryRepository repository,
            InventoryActivitiesImpl inventory,
            InventoryProperties properties,
            ComandaMetrics metrics) {
        this.repository = repository;
        this.inventory = inventory;
        this.properties = properties.sweeper();
        this.metrics = metrics;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.enabled()) {
            registrar.addFixedDelayTask(
                    new FixedDelayTask(this::sweepNow, properties.interval(), properties.interval()));
        }
    }

    void sweepNow() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            // The next run tries again; a scheduler thread must not die of a database hiccup.
            log.warn("reservation sweep failed", e);
        }
    }

    /** Releases every RESERVED reservation expired before {@code now - grace}; returns how many it released. */
    public int sweep(Instant now) {
        var cutoff = now.minus(properties.grace());
        int releasedNow = 0;
        while (true) {
            var batch = repository.expiredReservations(cutoff, properties.batchSize());
            for (var reservation : batch) {
                var left = inventory.release(reservation.tenantId(), reservation.key(), REASON);
                if (left == ReservationStatus.RELEASED) {
                    releasedNow++;
                }
            }
            // A short batch is the last one; a full one may have more behind it. Rows released by
            // someone else leave the RESERVED set too, so the loop always ends.
            if (batch.size() < properties.batchSize()) {
                break;
            }
        }
        if (releasedNow > 0) {
            log.info("released {} expired reservations", releasedNow);
            // Each one is stock an order held and never committed or released: a leak when it keeps happening.
            metrics.reservationsExpired(releasedNow);
        }
        released.addAndGet(releasedNow);
        return releasedNow;
    }

    /** Reservations this process released since it started. */
    public long releasedTotal() {
        return released.get();
    }
}
