package dev.comanda.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The REST facade. It scans its own packages and {@code persistence} (catalog, tenants, order queries,
 * placements, payment and marketplace lookups, POS devices and sync records, the ops queue); it never
 * hosts a worker and never orchestrates: every change of an order goes through its workflow. It does
 * not depend on {@code activities}, so no activity implementation or outbound client is in its context.
 */
@SpringBootApplication(scanBasePackages = {"dev.comanda.api", "dev.comanda.persistence"})
@ConfigurationPropertiesScan(basePackages = {"dev.comanda.api", "dev.comanda.persistence"})
public class ApiApplication {

    /** Its own config file name, so api-facade and workers can share one JVM in the local stack. */
    public static SpringApplication application() {
        return new SpringApplicationBuilder(ApiApplication.class)
                .properties("spring.config.name=api-facade")
                .build();
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
