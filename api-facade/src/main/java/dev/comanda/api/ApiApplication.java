package dev.comanda.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The REST facade. It scans its own packages and the read side of {@code activities} (catalog,
 * tenants, order queries, payment and marketplace lookups, POS devices and sync records); it never hosts a worker and never
 * orchestrates: every change of an order goes through its workflow.
 */
@SpringBootApplication(
        scanBasePackages = {
            "dev.comanda.api",
            "dev.comanda.catalog",
            "dev.comanda.inventory",
            "dev.comanda.tenant",
            "dev.comanda.order",
            "dev.comanda.payment",
            "dev.comanda.sync",
            "dev.comanda.notification",
            "dev.comanda.ops",
            "dev.comanda.pos"
        })
@ConfigurationPropertiesScan(basePackages = "dev.comanda")
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
