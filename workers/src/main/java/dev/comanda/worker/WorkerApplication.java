package dev.comanda.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Hosts Temporal workers for the task queues named in {@code comanda.worker.queues}, and the reservation sweeper. */
@SpringBootApplication(scanBasePackages = {"dev.comanda.worker", "dev.comanda.activities", "dev.comanda.persistence"})
@ConfigurationPropertiesScan(basePackages = {"dev.comanda.worker", "dev.comanda.activities", "dev.comanda.persistence"})
@EnableScheduling
public class WorkerApplication {

    /** Its own config file name, so api-facade and workers can share one JVM in the local stack. */
    public static SpringApplication application() {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=workers")
                .build();
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
