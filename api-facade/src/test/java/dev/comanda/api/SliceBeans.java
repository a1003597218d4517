package dev.comanda.api;

import dev.comanda.observability.ObservabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What every API slice holds besides the web layer: the API's own configuration (clock, strict JSON
 * types), its properties and the metrics facade the token filter counts refusals on. The Flyway
 * customizer of {@link ApiConfiguration} only needs the datasource properties to exist; no database
 * is opened.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ApiConfiguration.class)
@ImportAutoConfiguration(ObservabilityAutoConfiguration.class)
@EnableConfigurationProperties({ApiProperties.class, DataSourceProperties.class})
public class SliceBeans {}
