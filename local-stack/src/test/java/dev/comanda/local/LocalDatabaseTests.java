package dev.comanda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.JdbcTarget;
import dev.comanda.devservices.Ports;
import dev.comanda.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the tests' MariaDB/MySQL ({@link TestDatabase}: the local one, a container or an embedded one) and a real
 * embedded MariaDB forced onto a random port. The embedded tests share one directory so the binary is
 * unpacked once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDatabaseTests {

    @TempDir
    static Path localDir;

    /** The tests' server (local, container or embedded); its own database goes unused. */
    private static final TestDatabase SERVER = TestDatabase.create();

    private static final String SERVER_URL = SERVER.serverUrl();
    private static final String USER = SERVER.user();
    private static final String PASSWORD = SERVER.password();

    @Test
    @Order(1)
    void usesTheConfiguredServerAndCreatesTheMissingDatabase() throws SQLException {
        var name = randomName();
        var options = options(SERVER_URL + name, true, DatabaseMode.AUTO);
        try (var database = LocalDatabase.start(options)) {
            assertThat(database.started()).isFalse();
            assertThat(database.jdbcUrl()).isEqualTo(SERVER_URL + name);
            assertThat(currentDatabase(database)).isEqualTo(name);
        } finally {
            try (var connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD)) {
                connection.createStatement().execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    @Test
    @Order(2)
    void failsClearlyWhenTheConfiguredServerIsSilent() {
        var silent = "jdbc:mysql://127.0.0.1:" + Ports.free() + "/comanda";

        assertThatThrownBy(() -> LocalDatabase.start(options(silent, true, DatabaseMode.AUTO)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COMANDA_DB_URL");
    }

    @Test
    @Order(3)
    void startsAnEmbeddedMariaDbWhenForcedAndStopsItOnClose() throws SQLException {
        var database = LocalDatabase.start(options(SERVER_URL + "comanda", false, DatabaseMode.EMBEDDED));
        var port = JdbcTarget.parse(database.jdbcUrl()).port();
        try {
            assertThat(database.started()).isTrue();
            assertThat(currentDatabase(database)).isEqualTo("comanda");
            assertThat(version(database)).contains("MariaDB");
        } finally {
            database.close();
        }
        assertThat(Ports.listening(Ports.LOOPBACK, port)).isFalse();
    }

    @Test
    @Order(4)
    void stopsAServerOrphanedByAKilledRunAndStartsAfresh() throws SQLException {
        // Never closed, as if its JVM had been killed: the server process and its pid file stay behind.
        var orphaned = LocalDatabase.start(options(SERVER_URL + "comanda", false, DatabaseMode.EMBEDDED));
        var orphanPid = orphaned.embeddedPid();
        assertThat(ProcessHandle.of(orphanPid)).isPresent();

        try (var database = LocalDatabase.start(options(SERVER_URL + "comanda", false, DatabaseMode.EMBEDDED))) {
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive))
                    .isEmpty();
            assertThat(database.embeddedPid()).isNotEqualTo(orphanPid);
            assertThat(currentDatabase(database)).isEqualTo("comanda");
        }
    }

    private static LocalStackOptions.Database options(String url, boolean configured, DatabaseMode mode) {
        return new LocalStackOptions.Database(url, configured, USER, PASSWORD, mode, 0, localDir.resolve("mariadb"));
    }

    private static String currentDatabase(LocalDatabase database) throws SQLException {
        return query(database, "SELECT DATABASE()");
    }

    private static String version(LocalDatabase database) throws SQLException {
        return query(database, "SELECT VERSION()") + query(database, "SELECT @@version_comment");
    }

    private static String query(LocalDatabase database, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String randomName() {
        return "comanda_t_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @AfterAll
    static void dropTheServersOwnDatabase() {
        SERVER.close();
    }
}
