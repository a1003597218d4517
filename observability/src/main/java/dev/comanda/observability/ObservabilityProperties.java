package dev.comanda.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code comanda.observability.*} (env {@code COMANDA_OBSERVABILITY_*}).
 *
 * @param maxMarketplaceLabels distinct marketplace channel names exported as labels; more become "other"
 * @param buckets histogram bucket bounds (explicit, so each histogram has a small fixed number of series)
 */
@ConfigurationProperties("comanda.observability")
public record ObservabilityProperties(
        @DefaultValue("20") int maxMarketplaceLabels,
        @DefaultValue Buckets buckets) {

    public static final ObservabilityProperties DEFAULTS =
            new ObservabilityProperties(20, new Buckets(null, null, null));

    /**
     * Each list defaults to the bounds below when not configured.
     *
     * @param orderStages placement to a status: seconds for CONFIRMED, up to hours for COMPLETED; unset: the
     *     built-in bounds of {@code ObservabilityProperties.Buckets}
     * @param paymentProvider one HTTP call to the payment provider; unset: the built-in bounds
     * @param temporal the SDK's latencies (schedule-to-start, execution, requests); unset: the built-in bounds
     */
    public record Buckets(List<Duration> orderStages, List<Duration> paymentProvider, List<Duration> temporal) {

        private static final List<Duration> ORDER_STAGES =
                durations("250ms 500ms 1s 2s 5s 10s 30s 1m 5m 10m 20m 30m 1h 2h");
        private static final List<Duration> PAYMENT_PROVIDER =
                durations("10ms 25ms 50ms 100ms 250ms 500ms 1s 2500ms 5s 10s 30s");
        private static final List<Duration> TEMPORAL =
                durations("5ms 10ms 25ms 50ms 100ms 250ms 500ms 1s 2500ms 5s 10s 30s 1m");

        public Buckets {
            orderStages = orderStages == null ? ORDER_STAGES : List.copyOf(orderStages);
            paymentProvider = paymentProvider == null ? PAYMENT_PROVIDER : List.copyOf(paymentProvider);
            temporal = temporal == null ? TEMPORAL : List.copyOf(temporal);
        }

        private static List<Duration> durations(String spaced) {
            return Arrays.stream(spaced.split(" "))
                    .map(DurationStyle::detectAndParse)
                    .toList();
        }
    }
}
