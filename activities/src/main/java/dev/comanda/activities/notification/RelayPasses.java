package dev.comanda.activities.notification;

import java.time.Duration;
import org.slf4j.Logger;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The schedule the notifications' relays share: a pass every interval, whose failure waits for the next. */
final class RelayPasses {

    private RelayPasses() {}

    /** Runs {@code pass} every {@code interval} when {@code enabled}; a pass that throws is logged, not fatal. */
    static void schedule(
            ScheduledTaskRegistrar registrar,
            boolean enabled,
            Duration interval,
            Runnable pass,
            Logger log,
            String what) {
        if (!enabled) {
            return;
        }
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> {
                    try {
                        pass.run();
                    } catch (RuntimeException e) {
                        // The next run tries again; a scheduler thread must not die of a database hiccup.
                        log.warn("{} failed", what, e);
                    }
                },
                interval,
                interval));
    }
}
