package dev.comanda.api;

import dev.comanda.api.admission.AdmissionProperties;
import dev.comanda.observability.ObservabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What every API slice holds besides the web layer: the API's own configuration (clock, strict JSON
 * types), its properties (admission control's too) and the metrics facade the token filter counts refusals on. The Flyway
 * customizer of {@link ApiConfiguration} only needs the datasource properties to exist; no database
 * is opened.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ApiConfiguration.class)
@ImportAutoConfiguration(ObservabilityAutoConfiguration.class)
@EnableConfigurationProperties({ApiProperties.class, AdmissionProperties.class, DataSourceProperties.class})
public class SliceBeans {}
