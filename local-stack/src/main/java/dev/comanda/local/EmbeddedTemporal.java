package dev.comanda.local;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal frontend for the local run: the one at {@code COMANDA_TEMPORAL_ADDRESS} when configured,
 * a Temporal already serving the port when there is one, else the SDK's in-memory service over real
 * gRPC on 127.0.0.1 (with the {@link LockEventsWorkaround}). The in-memory service knows every namespace,
 * so {@code default} works without registration; it keeps nothing across restarts.
 */
public final class EmbeddedTemporal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);
    private static final long PROBE_TIMEOUT_SECONDS = 3;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;
    /** Real time: the service must not skip ahead while workers are idle, as a test server would. */
    private static final boolean LOCK_TIME_SKIPPING = true;

    private final String address;
    private final TestServicesStarter services;
    private final Server server;
    private final LockEventsWorkaround.Outcome timerFix;

    private EmbeddedTemporal(
            String address, TestServicesStarter services, Server server, LockEventsWorkaround.Outcome timerFix) {
        this.address = address;
        this.services = services;
        this.server = server;
        this.timerFix = timerFix;
    }

    public static EmbeddedTemporal start(LocalStackOptions.Temporal options) {
        if (options.address() != null) {
            if (!answersAsTemporal(options.address())) {
                log.warn("Temporal at {} does not answer yet; the apps will retry", options.address());
            }
            log.info("using existing Temporal at {} (COMANDA_TEMPORAL_ADDRESS)", options.address());
            return new EmbeddedTemporal(options.address(), null, null, null);
        }
        if (options.port() != 0 && Ports.listening(Ports.LOOPBACK, options.port())) {
            var taken = Ports.LOOPBACK + ':' + options.port();
            if (!answersAsTemporal(taken)) {
                throw new IllegalStateException("Port " + taken + " is taken by something that is not Temporal:"
                        + " stop it, or set COMANDA_TEMPORAL_PORT to another port (0: any free) or"
                        + " COMANDA_TEMPORAL_ADDRESS to a Temporal to use");
            }
            log.info("using existing Temporal at {} (it already served that port)", taken);
            return new EmbeddedTemporal(taken, null, null, null);
        }
        var services = new TestServicesStarter(LOCK_TIME_SKIPPING, 0);
        var timerFix = LockEventsWorkaround.apply(services, options.timerFix());
        var builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(Ports.LOOPBACK, options.port()), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server;
        try {
            server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot serve Temporal on " + Ports.LOOPBACK + ':' + options.port(), e);
        }
        var address = Ports.LOOPBACK + ':' + server.getPort();
        log.info("started embedded Temporal (in-memory service, lockEvents workaround {}) at {}", timerFix, address);
        return new EmbeddedTemporal(address, services, server, timerFix);
    }

    /** Whether a Temporal frontend answers at host:port (GetSystemInfo within a few seconds). */
    static boolean answersAsTemporal(String address) {
        var stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
            stubs.blockingStub()
                    .withDeadlineAfter(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            stubs.shutdownNow();
        }
    }

    /** {@code host:port} of the Temporal frontend to use. */
    public String address() {
        return address;
    }

    /** Whether this object started the service (and {@link #close()} stops it). */
    public boolean started() {
        return server != null;
    }

    /** What happened to the lockEvents workaround; {@code null} when nothing was started. */
    LockEventsWorkaround.Outcome timerFix() {
        return timerFix;
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        services.close();
        log.info("stopped embedded Temporal at {}", address);
    }
}
