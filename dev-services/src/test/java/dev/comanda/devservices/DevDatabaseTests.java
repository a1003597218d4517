package dev.comanda.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * How the tests get a database where none answers: the decision the local run makes, with throwaway data.
 * The MariaDB binaries are unpacked once into the build's tools folder, as {@code TestDatabase} does.
 */
class DevDatabaseTests {

    private static final Path BASE =
            Path.of(System.getProperty("comanda.tools.dir", "../var/tools")).resolve(EmbeddedMariaDb.bundledVersion());

    @Test
    void anUnconfiguredSilentAddressGetsAnEmbeddedMariaDbWhoseDataGoesWithIt() throws SQLException {
        var silentPort = Ports.free();
        long pid;
        int port;
        try (var database = DevDatabase.startForTests(Ports.LOOPBACK, silentPort, false, "COMANDA_TEST_DB_URL", BASE)) {
            assertThat(database.started()).isTrue();
            assertThat(database.port()).isNotEqualTo(silentPort);
            pid = database.embeddedPid();
            port = database.port();
            try (var connection = DriverManager.getConnection(
                            "jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false",
                            DevDatabase.EMBEDDED_USER,
                            DevDatabase.EMBEDDED_PASSWORD);
                    var result = connection.createStatement().executeQuery("SELECT VERSION()")) {
                result.next();
                assertThat(result.getString(1)).contains("MariaDB");
            }
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Ports.listening(Ports.LOOPBACK, port)).isFalse();
    }

    @Test
    void aConfiguredSilentAddressIsAnErrorNamingTheSetting() {
        var silentPort = Ports.free();

        assertThatThrownBy(
                        () -> DevDatabase.startForTests(Ports.LOOPBACK, silentPort, true, "COMANDA_TEST_DB_URL", BASE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COMANDA_TEST_DB_URL")
                .hasMessageContaining(String.valueOf(silentPort));
    }

    @Test
    void anAnsweringServerIsUsedAsItIs() {
        try (var embedded = DevDatabase.startForTests(Ports.LOOPBACK, Ports.free(), false, "X", BASE);
                var database = DevDatabase.startForTests(Ports.LOOPBACK, embedded.port(), true, "X", BASE)) {
            assertThat(database.started()).isFalse();
            assertThat(database.port()).isEqualTo(embedded.port());
        }
    }
}
