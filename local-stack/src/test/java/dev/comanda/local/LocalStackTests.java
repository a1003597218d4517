package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.DevRedis;
import dev.comanda.devservices.RedisMode;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTests {

    @TempDir
    Path localDir;

    @Test
    void exposesEveryComponentAndStopsOnlyWhatItStarted() throws SQLException {
        var database = TestDatabase.create();
        var existingRedis = TestRedis.url();
        var options = new LocalStackOptions(
                TestTemporal.devServer(localDir.resolve("temporal")),
                new LocalStackOptions.Database(
                        database.url(), true, database.user(), database.password(), DatabaseMode.AUTO, 0, localDir),
                new LocalStackOptions.Redis(existingRedis, RedisMode.AUTO, 0));
        String temporalAddress;
        try (var stack = LocalStack.start(options)) {
            temporalAddress = stack.temporalAddress();
            assertThat(stack.temporal().kind()).isEqualTo(LocalTemporal.Kind.DEV_SERVER);
            assertThat(stack.temporalUiUrl()).startsWith("http://127.0.0.1:");
            assertThat(stack.database().started()).isFalse();
            assertThat(stack.jdbcUrl()).isEqualTo(database.url());
            assertThat(stack.redisUrl()).isEqualTo(existingRedis);
            assertThat(TemporalProbe.answers(temporalAddress)).isTrue();
            try (var connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
                assertThat(connection.getCatalog()).isEqualTo(database.name());
            }
        } finally {
            database.close();
        }
        assertThat(TemporalProbe.answers(temporalAddress)).isFalse();
        assertThat(DevRedis.answers(
                        "127.0.0.1", java.net.URI.create(existingRedis).getPort()))
                .as("the existing Redis was not stopped")
                .isTrue();
    }

    @Test
    void readsSettingsFromVariablesWithDefaults() {
        var settings = Map.of(
                "COMANDA_TEMPORAL_IN_MEMORY", "never",
                "COMANDA_DB_MODE", "embedded",
                "COMANDA_REDIS_MODE", "path");

        var options = LocalStackOptions.from(settings::get);

        assertThat(options.temporal())
                .isEqualTo(new LocalStackOptions.Temporal(
                        null,
                        null,
                        7233,
                        8233,
                        7234,
                        null,
                        Path.of("var", "temporal"),
                        Path.of("var", "tools"),
                        true,
                        true,
                        LocalStackOptions.InMemory.NEVER,
                        null));
        assertThat(options.database().url()).isEqualTo("jdbc:mysql://127.0.0.1:3306/comanda");
        assertThat(options.database().urlConfigured()).isFalse();
        assertThat(options.database().mode()).isEqualTo(DatabaseMode.EMBEDDED);
        assertThat(options.database().localDir()).isEqualTo(Path.of("var", "mariadb"));
        assertThat(options.redis())
                .isEqualTo(new LocalStackOptions.Redis("redis://127.0.0.1:6379", RedisMode.PATH, -1));
    }
}
