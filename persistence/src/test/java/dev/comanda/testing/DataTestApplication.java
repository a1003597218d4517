package dev.comanda.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The persistence module as the apps wire it (auto-configured JDBC, Flyway and transactions, every
 * repository component-scanned), on a database of its own that is dropped when the context closes.
 * The activities' suites add their activity beans on top (ActivityTestSupport).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("dev.comanda.persistence")
public class DataTestApplication {

    /** Enough connections for the concurrency tests to contend in MySQL rather than in the pool. */
    private static final int POOL_SIZE = 16;

    /** Where the data side's business meters land, for the suites that check them. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean(destroyMethod = "close")
    TestDatabase testDatabase() {
        return TestDatabase.create();
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(TestDatabase database) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(POOL_SIZE);
        return dataSource;
    }
}
