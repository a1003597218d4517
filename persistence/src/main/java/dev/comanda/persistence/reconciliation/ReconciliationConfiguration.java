package dev.comanda.persistence.reconciliation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the reconciliation properties; the beans themselves are found by component scanning. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfiguration {}
