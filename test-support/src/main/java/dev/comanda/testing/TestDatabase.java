package dev.comanda.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A fresh, empty database for one test class: in a MySQL container where a Docker engine runs, else
 * on the server named by {@code COMANDA_TEST_DB_URL} (default the local MariaDB/MySQL). Each instance
 * gets a database of its own, so suites running at the same time never see each other's rows. When
 * nothing answers, the test fails with a message naming the variable — it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String DEFAULT_SERVER_URL = "jdbc:mysql://127.0.0.1:3306/";
    private static final String URL_OPTIONS =
            "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true&connectionTimeZone=UTC";
    private static MySQLContainer container;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates a new database named {@code comanda_t_<random>}; {@link #close()} drops it. */
    public static TestDatabase create() {
        String serverUrl;
        String user;
        String password;
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var mysql = sharedContainer();
            serverUrl = "jdbc:mysql://" + mysql.getHost() + ':' + mysql.getMappedPort(3306) + '/';
            user = "root";
            password = mysql.getPassword();
        } else {
            serverUrl = env("COMANDA_TEST_DB_URL", DEFAULT_SERVER_URL);
            user = env("COMANDA_TEST_DB_USER", "root");
            password = env("COMANDA_TEST_DB_PASSWORD", "");
        }
        var name = "comanda_t_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        var database = new TestDatabase(serverUrl, user, password, name);
        database.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    public String url() {
        return serverUrl + name + URL_OPTIONS;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql) {
        try (var connection = DriverManager.getConnection(serverUrl + URL_OPTIONS, user, password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "No MySQL/MariaDB answers at " + serverUrl + " (user " + user + "). Start one, set"
                            + " COMANDA_TEST_DB_URL/COMANDA_TEST_DB_USER/COMANDA_TEST_DB_PASSWORD, or run a"
                            + " Docker engine for Testcontainers.",
                    e);
        }
    }

    private static synchronized MySQLContainer sharedContainer() {
        if (container == null) {
            container = new MySQLContainer("mysql:8.4").withUsername("root");
            container.start();
        }
        return container;
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? Objects.requireNonNull(fallback) : value;
    }
}
