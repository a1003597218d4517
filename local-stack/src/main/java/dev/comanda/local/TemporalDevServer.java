package dev.comanda.local;

import dev.comanda.devservices.Ports;
import dev.comanda.order.OrderSearchAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Temporal server — frontend, history, matching and worker services with SQLite persistence,
 * visibility, schedules and the Web UI — run as a child process with {@code temporal server start-dev}.
 * Its database is {@code temporal.db} in the data folder (nothing is kept when not persistent), its log
 * {@code server.log} and its pid {@code server.pid} beside it, so that a run after a crash can find a
 * server the crashed run left behind. Comanda's search attributes are registered at start.
 */
final class TemporalDevServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    static final String DATABASE_FILE = "temporal.db";
    static final String PID_FILE = "server.pid";
    /**
     * WAL lets readers run beside the writer; {@code synchronous=normal} syncs at checkpoints instead of on
     * every commit — safe against a crash of the process (kill -9), and what docs/benchmarks.md measures.
     */
    private static final List<String> PRAGMAS = List.of("journal_mode=wal", "synchronous=normal");

    /** Where the server listens and keeps its data. */
    record Settings(
            Path binary,
            int port,
            int uiPort,
            int metricsPort,
            Path dataDir,
            boolean persistent,
            String codecEndpoint) {

        Settings {
            // The server runs in the data folder: a relative database path would be resolved twice.
            dataDir = dataDir.toAbsolutePath();
        }
    }

    private final ProcessHandle process;
    private final String address;
    private final Settings settings;

    private TemporalDevServer(ProcessHandle process, String address, Settings settings) {
        this.process = process;
        this.address = address;
        this.settings = settings;
    }

    /** Starts the server and waits until its {@code default} namespace answers. */
    static TemporalDevServer start(Settings settings) {
        var command = command(settings);
        Process process;
        try {
            Files.createDirectories(settings.dataDir());
            process = new ProcessBuilder(command)
                    .directory(settings.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            settings.dataDir().resolve("server.log").toFile()))
                    .start();
            Files.writeString(settings.dataDir().resolve(PID_FILE), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + settings.binary(), e);
        }
        var server = new TemporalDevServer(process.toHandle(), Ports.LOOPBACK + ':' + settings.port(), settings);
        try {
            TemporalProbe.awaitNamespace(server.address, READY_TIMEOUT, process::isAlive);
        } catch (RuntimeException e) {
            server.close();
            var serverLog = settings.dataDir().resolve("server.log");
            throw new IllegalStateException(
                    "the Temporal dev server did not come up (see " + serverLog + "): " + lastLine(serverLog), e);
        }
        log.info(
                "started Temporal dev server (pid {}) at {}, UI {}, metrics {}, data {}",
                process.pid(),
                server.address,
                server.uiUrl(),
                server.metricsUrl(),
                settings.persistent() ? settings.dataDir().resolve(DATABASE_FILE) : "in memory");
        return server;
    }

    /**
     * The dev server an earlier run of this data folder left running (its JVM was killed, the child was
     * not), when it still serves {@code address}: adopted, so this run stops it on exit.
     */
    static Optional<TemporalDevServer> adopt(Settings settings) {
        var pidFile = settings.dataDir().resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            var pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .command()
                            .map(c -> c.endsWith("temporal"))
                            .orElse(false))
                    .map(handle -> {
                        log.info("adopting the Temporal dev server an earlier run left running (pid {})", pid);
                        return new TemporalDevServer(handle, Ports.LOOPBACK + ':' + settings.port(), settings);
                    });
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lastLine(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(empty log)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static List<String> command(Settings settings) {
        var command = new ArrayList<>(List.of(
                settings.binary().toString(),
                "server",
                "start-dev",
                "--ip",
                Ports.LOOPBACK,
                "--port",
                String.valueOf(settings.port()),
                "--metrics-port",
                String.valueOf(settings.metricsPort()),
                "--log-level",
                "warn",
                // Tenants are fairness keys of the order tasks (OrderWorkflows): matched in turn, not FIFO.
                "--dynamic-config-value",
                "matching.enableFairness=true"));
        if (settings.uiPort() > 0) {
            command.addAll(List.of("--ui-port", String.valueOf(settings.uiPort()), "--ui-disable-news-fetch"));
            if (settings.codecEndpoint() != null) {
                // The UI decodes payloads through the API's codec endpoint, for authorized ops only.
                command.addAll(List.of("--ui-codec-endpoint", settings.codecEndpoint()));
            }
        } else {
            command.add("--headless");
        }
        if (settings.persistent()) {
            command.addAll(List.of(
                    "--db-filename", settings.dataDir().resolve(DATABASE_FILE).toString()));
            PRAGMAS.forEach(pragma -> command.addAll(List.of("--sqlite-pragma", pragma)));
        }
        OrderSearchAttributes.registrations()
                .forEach(attribute -> command.addAll(List.of("--search-attribute", attribute)));
        return command;
    }

    String address() {
        return address;
    }

    /** The Web UI, or {@code null} when headless. */
    String uiUrl() {
        return settings.uiPort() > 0 ? "http://" + Ports.LOOPBACK + ':' + settings.uiPort() : null;
    }

    String metricsUrl() {
        return "http://" + Ports.LOOPBACK + ':' + settings.metricsPort() + "/metrics";
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, then SIGKILL after a grace period); its data stays for the next run. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(settings.dataDir().resolve(PID_FILE));
        } catch (IOException e) {
            log.debug("pid file left behind", e);
        }
        log.info("stopped Temporal dev server at {}", address);
    }
}
