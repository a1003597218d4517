package dev.comanda.testing;

import dev.comanda.devservices.DevDatabase;
import dev.comanda.devservices.EmbeddedMariaDb;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A fresh, empty database for one test class: in a MySQL container where a Docker engine runs, else
 * on the server named by {@code COMANDA_TEST_DB_URL} (default the local MariaDB/MySQL on 3306), else —
 * when that variable is unset and nothing answers — on an embedded MariaDB this JVM starts once, decided
 * and started as the local run does it ({@link DevDatabase}). Each instance gets a database of its own, so
 * suites running at the same time never see each other's rows. A configured server that does not answer
 * fails the test with a message naming the variable — it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 3306;
    private static final String URL_SETTING = "COMANDA_TEST_DB_URL";
    private static final String URL_OPTIONS =
            "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true&connectionTimeZone=UTC";
    private static MySQLContainer container;
    private static DevDatabase local;

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
            var server = localServer();
            serverUrl = "jdbc:mysql://" + server.host() + ':' + server.port() + '/';
            user = server.started() ? DevDatabase.EMBEDDED_USER : env("COMANDA_TEST_DB_USER", "root");
            password = server.started() ? DevDatabase.EMBEDDED_PASSWORD : env("COMANDA_TEST_DB_PASSWORD", "");
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

    /** The server's URL without a database, for tests that create databases of their own. */
    public String serverUrl() {
        return serverUrl;
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

    /** The configured or default server when it answers, else this JVM's embedded MariaDB. */
    private static synchronized DevDatabase localServer() {
        if (local == null) {
            var configured = System.getenv(URL_SETTING);
            var host = DEFAULT_HOST;
            var port = DEFAULT_PORT;
            if (configured != null && !configured.isBlank()) {
                var uri = URI.create(configured.trim().substring("jdbc:".length()));
                host = uri.getHost();
                port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
            }
            var tools = Path.of(System.getProperty("comanda.tools.dir", "var/tools"));
            local = DevDatabase.startForTests(
                    host,
                    port,
                    configured != null && !configured.isBlank(),
                    URL_SETTING,
                    tools.resolve(EmbeddedMariaDb.bundledVersion()));
        }
        return local;
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? Objects.requireNonNull(fallback) : value;
    }
}
