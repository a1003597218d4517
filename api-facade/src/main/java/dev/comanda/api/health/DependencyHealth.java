package dev.comanda.api.health;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.redisson.api.RedissonClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what the API cannot work without besides the database (which Spring Boot checks): Redis
 * and the Temporal service. Both are in the readiness group, so a load balancer stops sending orders to
 * an instance that could not place them.
 */
@Configuration(proxyBeanMethods = false)
class DependencyHealth {

    @Bean
    HealthIndicator redisHealthIndicator(RedissonClient redisson) {
        return () -> {
            try {
                var nodes = redisson.getRedisNodes(org.redisson.api.redisnode.RedisNodes.SINGLE);
                return nodes.pingAll(2, java.util.concurrent.TimeUnit.SECONDS)
                        ? Health.up().build()
                        : Health.down().withDetail("ping", "no answer").build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    @Bean
    HealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs) {
        return () -> {
            try {
                var response = stubs.healthCheck();
                return response.getStatus().name().equals("SERVING")
                        ? Health.up()
                                .withDetail("target", stubs.getOptions().getTarget())
                                .build()
                        : Health.down()
                                .withDetail("status", response.getStatus().name())
                                .build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }
}
