package dev.comanda.devservices;

import java.nio.file.Path;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL/MariaDB server of the local run and the tests, decided in one place: the one at the address
 * when it answers; else, unless the address was named explicitly (then silence is an error, never silently
 * replaced), an embedded MariaDB ({@link EmbeddedMariaDb}) on the loopback interface, root with an empty
 * password. Databases on the server are the caller's business.
 */
public final class DevDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevDatabase.class);
    public static final String EMBEDDED_USER = "root";
    public static final String EMBEDDED_PASSWORD = "";

    private final String host;
    private final int port;
    private final EmbeddedMariaDb embedded;

    private DevDatabase(String host, int port, EmbeddedMariaDb embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * @param host where a server may answer
     * @param port its port
     * @param configured whether the address was set explicitly (then, in {@link DatabaseMode#AUTO}, it must answer)
     * @param setting the variable that names the address, for error messages
     * @param dir the embedded MariaDB's binaries and data live in {@code base/} and {@code data/} here
     * @param embeddedPort port of an embedded MariaDB: {@link Ports#SAME_AS_URL}, 0 for any free, or a port
     */
    public static DevDatabase start(
            String host, int port, boolean configured, String setting, DatabaseMode mode, Path dir, int embeddedPort) {
        return start(
                host,
                port,
                configured,
                setting,
                mode,
                chosen -> {
                    log.info("starting embedded MariaDB on port {} (files in {})", chosen, dir.toAbsolutePath());
                    return EmbeddedMariaDb.start(dir, chosen);
                },
                Ports.choose(embeddedPort, port));
    }

    /**
     * The server of a test JVM, decided as for the local run in {@link DatabaseMode#AUTO}: the one at the
     * address when it answers; else, unless {@code configured}, an embedded MariaDB on a free port with
     * throwaway data, its binaries unpacked once into {@code baseDir} and shared by later runs.
     */
    public static DevDatabase startForTests(String host, int port, boolean configured, String setting, Path baseDir) {
        return start(
                host,
                port,
                configured,
                setting,
                DatabaseMode.AUTO,
                chosen -> {
                    log.info(
                            "no MySQL/MariaDB answers at {}:{} ({} unset): starting an embedded MariaDB for these tests"
                                    + " on port {}",
                            host,
                            port,
                            setting,
                            chosen);
                    return EmbeddedMariaDb.startThrowaway(baseDir, chosen);
                },
                Ports.free());
    }

    private static DevDatabase start(
            String host,
            int port,
            boolean configured,
            String setting,
            DatabaseMode mode,
            IntFunction<EmbeddedMariaDb> embed,
            int embeddedPort) {
        if (mode != DatabaseMode.EMBEDDED && Ports.listening(host, port)) {
            return new DevDatabase(host, port, null);
        }
        if (mode == DatabaseMode.EXISTING || (mode == DatabaseMode.AUTO && configured)) {
            throw new IllegalStateException("No MySQL/MariaDB answers at " + host + ':' + port + " (" + setting
                    + "). Start it, or unset " + setting + " to get an embedded MariaDB.");
        }
        return new DevDatabase(Ports.LOOPBACK, embeddedPort, embed.apply(embeddedPort));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether this object started an embedded MariaDB (and {@link #close()} stops it). */
    public boolean started() {
        return embedded != null;
    }

    /** Process id of the embedded server, or -1, for tests and the orphan check. */
    public long embeddedPid() {
        return embedded == null ? -1 : embedded.pid();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
