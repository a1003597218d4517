package dev.comanda.devservices;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Temporal server — {@code temporal server start-dev} from the {@link TemporalCli} — run as a child
 * process: the one launcher of the local run (persistent, with the Web UI) and of every module's tests (in
 * memory, headless, on free ports). The server runs in its data folder, which holds its log
 * {@code server.log}, its pid {@code server.pid} (so that a run after a crash can find a server the crashed
 * run left behind) and, when persistent, its SQLite database {@code temporal.db}. The search attributes to
 * register are the caller's, so this module knows nothing of the workflows.
 */
public final class DevTemporal implements AutoCloseable {

    public static final String NAMESPACE = "default";
    public static final String DATABASE_FILE = "temporal.db";
    public static final String PID_FILE = "server.pid";
    public static final String LOG_FILE = "server.log";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final long CALL_TIMEOUT_SECONDS = 3;
    private static final long POLL_MILLIS = 200;
    /**
     * WAL lets readers run beside the writer; {@code synchronous=normal} syncs at checkpoints instead of on
     * every commit — safe against a crash of the process (kill -9), and what docs/benchmarks.md measures.
     */
    private static final List<String> PRAGMAS = List.of("journal_mode=wal", "synchronous=normal");

    /**
     * Where the server listens and keeps its data.
     *
     * @param uiPort the Web UI's port; 0 or less: headless
     * @param httpPort the HTTP API's port; 0: the CLI's default (gRPC port + 1000)
     * @param searchAttributes {@code name=Type} registrations ({@code --search-attribute})
     * @param extraArgs further {@code start-dev} flags, appended last
     */
    public record Settings(
            Path binary,
            int port,
            int uiPort,
            int httpPort,
            int metricsPort,
            Path dataDir,
            boolean persistent,
            List<String> searchAttributes,
            List<String> extraArgs) {

        public Settings {
            // The server runs in the data folder: a relative database path would be resolved twice.
            dataDir = dataDir.toAbsolutePath();
            searchAttributes = List.copyOf(searchAttributes);
            extraArgs = List.copyOf(extraArgs);
        }

        /** A test's server: in memory, headless, every port free, its data in a fresh temporary folder. */
        public static Settings forTests(List<String> searchAttributes, List<String> extraArgs) {
            try {
                return new Settings(
                        TemporalCli.forTests(),
                        Ports.free(),
                        0,
                        Ports.free(),
                        Ports.free(),
                        Files.createTempDirectory("temporal-dev-server-"),
                        false,
                        searchAttributes,
                        extraArgs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final ProcessHandle process;
    private final String address;
    private final Settings settings;

    private DevTemporal(ProcessHandle process, Settings settings) {
        this.process = process;
        this.address = Ports.LOOPBACK + ':' + settings.port();
        this.settings = settings;
    }

    /** Starts the server and waits until its {@code default} namespace answers. */
    public static DevTemporal start(Settings settings, Duration readyTimeout) {
        Process process;
        try {
            Files.createDirectories(settings.dataDir());
            process = new ProcessBuilder(command(settings))
                    .directory(settings.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(logFile(settings).toFile()))
                    .start();
            Files.writeString(settings.dataDir().resolve(PID_FILE), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + settings.binary(), e);
        }
        var server = new DevTemporal(process.toHandle(), settings);
        try {
            awaitNamespace(server.address, readyTimeout, process::isAlive);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(
                    "the Temporal dev server did not come up (see " + logFile(settings) + "): "
                            + lastLine(logFile(settings)),
                    e);
        }
        return server;
    }

    /**
     * The dev server an earlier run of this data folder left running (its JVM was killed, the child was
     * not), when its pid file names a live {@code temporal} process: adopted, so this run stops it on exit.
     */
    public static Optional<DevTemporal> adopt(Settings settings) {
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
                    .map(handle -> new DevTemporal(handle, settings));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code temporal server start-dev} command line of these settings. */
    public static List<String> command(Settings settings) {
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
        if (settings.httpPort() > 0) {
            command.addAll(List.of("--http-port", String.valueOf(settings.httpPort())));
        }
        if (settings.uiPort() > 0) {
            command.addAll(List.of("--ui-port", String.valueOf(settings.uiPort()), "--ui-disable-news-fetch"));
        } else {
            command.add("--headless");
        }
        if (settings.persistent()) {
            command.addAll(List.of(
                    "--db-filename", settings.dataDir().resolve(DATABASE_FILE).toString()));
            PRAGMAS.forEach(pragma -> command.addAll(List.of("--sqlite-pragma", pragma)));
        }
        settings.searchAttributes().forEach(attribute -> command.addAll(List.of("--search-attribute", attribute)));
        command.addAll(settings.extraArgs());
        return command;
    }

    /**
     * Waits until the {@code default} namespace answers: the dev server accepts connections a moment
     * before its namespace exists.
     *
     * @param alive false once the server process has died, which ends the wait at once
     */
    public static void awaitNamespace(String address, Duration timeout, BooleanSupplier alive) {
        var deadline = System.nanoTime() + timeout.toNanos();
        var stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            RuntimeException last = null;
            while (System.nanoTime() < deadline) {
                if (!alive.getAsBoolean()) {
                    throw new IllegalStateException("the server process exited", last);
                }
                try {
                    stubs.blockingStub()
                            .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .describeNamespace(DescribeNamespaceRequest.newBuilder()
                                    .setNamespace(NAMESPACE)
                                    .build());
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            throw new IllegalStateException("namespace " + NAMESPACE + " did not answer within " + timeout, last);
        } finally {
            stubs.shutdownNow();
        }
    }

    private static Path logFile(Settings settings) {
        return settings.dataDir().resolve(LOG_FILE);
    }

    private static String lastLine(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(empty log)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code host:port} of the gRPC frontend ({@code --address} of the CLI's commands). */
    public String address() {
        return address;
    }

    public Settings settings() {
        return settings;
    }

    /** The Web UI, or {@code null} when headless. */
    public String uiUrl() {
        return settings.uiPort() > 0 ? "http://" + Ports.LOOPBACK + ':' + settings.uiPort() : null;
    }

    public String metricsUrl() {
        return "http://" + Ports.LOOPBACK + ':' + settings.metricsPort() + "/metrics";
    }

    /** The server's process id, for its CPU time in /proc: the CLI runs the server itself. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, then SIGKILL after a grace period); a persistent one's data stays. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(settings.dataDir().resolve(PID_FILE));
        } catch (IOException e) {
            // Harmless: adopt() checks that the pid is a live temporal process.
        }
    }
}
