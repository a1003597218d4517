package dev.comanda.api.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Meters of the event endpoint: connected clients, messages sent, and the fan-out latency from the
 * writer's commit (the publish right after it) to the send to a client. The latency compares two
 * wall clocks, the workers' and this instance's, so it is only as good as their synchronisation.
 */
@Component
class EventMetrics {

    private final MeterRegistry registry;
    private final Counter events;
    private final Counter control;
    private final Timer fanOut;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.events = Counter.builder("comanda.events.messages.sent")
                .description("messages sent to event-stream clients")
                .tag("type", "event")
                .register(registry);
        this.control = Counter.builder("comanda.events.messages.sent")
                .description("messages sent to event-stream clients")
                .tag("type", "control")
                .register(registry);
        this.fanOut = Timer.builder("comanda.events.fanout.latency")
                .description("from the writer's commit of an event to its send to a client")
                .publishPercentileHistogram()
                .register(registry);
    }

    void clients(Supplier<Number> connected) {
        Gauge.builder("comanda.events.clients", connected)
                .description("authenticated event-stream clients connected to this instance")
                .register(registry);
    }

    void eventSent(Instant publishedAt) {
        events.increment();
        if (publishedAt != null) {
            var latency = Duration.between(publishedAt, Instant.now());
            fanOut.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    void controlSent() {
        control.increment();
    }
}
