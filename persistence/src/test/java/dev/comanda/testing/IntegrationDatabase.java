package dev.comanda.testing;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link TestDatabase} with every Flyway migration applied and a small pool on it: what repository
 * and activity tests build their beans on without a Spring context.
 */
public final class IntegrationDatabase implements AutoCloseable {

    private final TestDatabase database;
    private final HikariDataSource dataSource;

    private IntegrationDatabase(TestDatabase database) {
        this.database = database;
        this.dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    public static IntegrationDatabase create() {
        return new IntegrationDatabase(TestDatabase.create());
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** A single number from SQL, for assertions on what the tables hold. */
    public long count(String sql, Object... params) {
        var statement = jdbc().sql(sql);
        for (var param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    @Override
    public void close() {
        dataSource.close();
        database.close();
    }
}
