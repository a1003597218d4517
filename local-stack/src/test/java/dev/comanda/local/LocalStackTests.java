package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.local.LocalStackOptions.DatabaseMode;
import dev.comanda.local.LocalStackOptions.RedisMode;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTests {

    @TempDir
    Path localDir;

    @Test
    void exposesEveryComponentAndStopsOnlyWhatItStarted() throws SQLException {
        var serverUrl = env("COMANDA_TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306/");
        var database = "comanda_t_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        var existingRedis = env("COMANDA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        var options = new LocalStackOptions(
                TestTemporal.devServer(localDir.resolve("temporal")),
                new LocalStackOptions.Database(
                        serverUrl + database,
                        true,
                        env("COMANDA_TEST_DB_USER", "root"),
                        env("COMANDA_TEST_DB_PASSWORD", ""),
                        DatabaseMode.AUTO,
                        0,
                        localDir),
                new LocalStackOptions.Redis(existingRedis, RedisMode.AUTO, 0));
        String temporalAddress;
        try (var stack = LocalStack.start(options)) {
            temporalAddress = stack.temporalAddress();
            assertThat(stack.temporal().kind()).isEqualTo(LocalTemporal.Kind.DEV_SERVER);
            assertThat(stack.temporalUiUrl()).startsWith("http://127.0.0.1:");
            assertThat(stack.database().started()).isFalse();
            assertThat(stack.jdbcUrl()).isEqualTo(serverUrl + database);
            assertThat(stack.redisUrl()).isEqualTo(existingRedis);
            assertThat(TemporalProbe.answers(temporalAddress)).isTrue();
            try (var connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
                assertThat(connection.getCatalog()).isEqualTo(database);
            }
        } finally {
            try (var connection = DriverManager.getConnection(
                    serverUrl, env("COMANDA_TEST_DB_USER", "root"), env("COMANDA_TEST_DB_PASSWORD", ""))) {
                connection.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            }
        }
        assertThat(TemporalProbe.answers(temporalAddress)).isFalse();
        assertThat(LocalRedis.answers(
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
                        LocalStackOptions.InMemory.NEVER));
        assertThat(options.database().url()).isEqualTo("jdbc:mysql://127.0.0.1:3306/comanda");
        assertThat(options.database().urlConfigured()).isFalse();
        assertThat(options.database().mode()).isEqualTo(DatabaseMode.EMBEDDED);
        assertThat(options.database().localDir()).isEqualTo(Path.of("var", "mariadb"));
        assertThat(options.redis())
                .isEqualTo(new LocalStackOptions.Redis("redis://127.0.0.1:6379", RedisMode.PATH, -1));
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
