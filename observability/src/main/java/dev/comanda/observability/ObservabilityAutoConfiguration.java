package dev.comanda.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans every Comanda app gets from this jar: the {@link ComandaMetrics} facade on the app's meter
 * registry (Micrometer's global no-op composite where an app or test has none), the Temporal latency
 * histograms, and the activities' log context interceptor.
 *
 * <p>The Temporal SDK's own meters: the Temporal starter's {@code MetricsScopeAutoConfiguration} builds a
 * Micrometer-backed scope on Spring Boot 4 and gives it to the service stubs, whose scope every worker
 * built from the {@code WorkflowClient} inherits ({@code TemporalMetricsTests} proves the {@code temporal_*}
 * series reach {@code /actuator/prometheus}); {@link SdkMetricsScope} replaces it with one that drops the
 * timers nobody reads, in every app that has the starter.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ComandaMetrics comandaMetrics(ObjectProvider<MeterRegistry> registry, ObservabilityProperties properties) {
        return new ComandaMetrics(registry.getIfUnique(() -> Metrics.globalRegistry), properties);
    }

    @Bean
    MeterFilter temporalLatencyHistograms(ObservabilityProperties properties) {
        return new TemporalLatencyHistograms(properties.buckets().temporal());
    }

    @Bean
    @ConditionalOnMissingBean
    LogContextWorkerInterceptor logContextWorkerInterceptor() {
        return new LogContextWorkerInterceptor();
    }

    /**
     * Where the Temporal starter builds the service stubs: their SDK metrics without the unread timers,
     * and their transport without gzip.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.temporal.spring.boot.TemporalOptionsCustomizer")
    @EnableConfigurationProperties({SdkMetricsProperties.class, TemporalTransportProperties.class})
    static class TemporalStubs {

        @Bean
        SdkMetricsScope sdkMetricsScope(ObjectProvider<MeterRegistry> registry, SdkMetricsProperties properties) {
            return new SdkMetricsScope(registry.getIfUnique(() -> Metrics.globalRegistry), properties);
        }

        @Bean
        TemporalTransport temporalTransport(TemporalTransportProperties properties) {
            return new TemporalTransport(properties.grpcCompression());
        }
    }
}
