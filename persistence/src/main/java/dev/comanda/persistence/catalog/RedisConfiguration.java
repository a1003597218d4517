package dev.comanda.persistence.catalog;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Redisson client every Redis user shares, unless the application provides its own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisProperties.class, CatalogProperties.class})
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(RedissonClient.class)
    RedissonClient redissonClient(RedisProperties properties) {
        var config = new Config();
        config.useSingleServer()
                .setAddress(properties.url())
                .setTimeout(Math.toIntExact(properties.timeout().toMillis()))
                .setConnectTimeout(Math.toIntExact(properties.timeout().toMillis()))
                .setRetryAttempts(properties.retryAttempts())
                .setRetryDelay(new ConstantDelay(properties.retryDelay()));
        return Redisson.create(config);
    }
}
