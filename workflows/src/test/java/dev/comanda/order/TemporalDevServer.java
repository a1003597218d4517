package dev.comanda.order;

import dev.comanda.codec.PayloadEncryption;
import dev.comanda.codec.StaticDataKeys;
import dev.comanda.devservices.TemporalCli;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server ({@code temporal server start-dev}) of its own, for the tests that need what the
 * in-memory test service does not do: histories exactly as a production server writes them, worker
 * deployment versioning. In memory (no {@code --db-filename}), headless, on free ports of 127.0.0.1, with
 * {@link OrderSearchAttributes#registrations()} registered (the metrics port is a random free one too). The binary is {@code $COMANDA_TEMPORAL_CLI},
 * else {@code temporal} on the PATH. Its output goes to {@code target/temporal-dev-server-<port>.log}.
 */
final class TemporalDevServer implements AutoCloseable {

    static final String NAMESPACE = "default";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final String target;
    private final Path log;
    private final WorkflowServiceStubs service;

    private TemporalDevServer(Process process, String target, Path log, WorkflowServiceStubs service) {
        this.process = process;
        this.target = target;
        this.log = log;
        this.service = service;
    }

    /** The Temporal CLI, found or installed the way the local run does it. */
    static String cli() {
        return TemporalCli.forTests().toString();
    }

    static TemporalDevServer start(String... extraArgs) {
        var binary = cli();
        var port = freePort();
        var command = new ArrayList<>(List.of(
                binary,
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--http-port",
                Integer.toString(freePort())));
        for (var registration : OrderSearchAttributes.registrations()) {
            command.add("--search-attribute");
            command.add(registration);
        }
        command.addAll(List.of(extraArgs));
        var log = Path.of("target", "temporal-dev-server-" + port + ".log").toAbsolutePath();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run '" + binary + "': install the Temporal CLI or set COMANDA_TEMPORAL_CLI", e);
        }
        var target = "127.0.0.1:" + port;
        var service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        var server = new TemporalDevServer(process, target, log, service);
        server.awaitNamespace();
        return server;
    }

    /** The namespace answers once the server has registered it: the only reliable sign it is ready. */
    private void awaitNamespace() {
        var deadline = System.nanoTime() + STARTUP.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException(
                        "temporal dev server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                service.blockingStub()
                        .describeNamespace(DescribeNamespaceRequest.newBuilder()
                                .setNamespace(NAMESPACE)
                                .build());
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            pause();
        }
        close();
        throw new IllegalStateException("temporal dev server not ready within " + STARTUP + "; see " + log, last);
    }

    WorkflowServiceStubs service() {
        return service;
    }

    WorkflowClient client() {
        return WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(NAMESPACE)
                        // Encrypted as every Comanda client encrypts, under the committed test key.
                        .setDataConverter(PayloadEncryption.dataConverter(StaticDataKeys.testKeys()))
                        .build());
    }

    /** {@code --address} for the Temporal CLI commands run against this server. */
    String address() {
        return target;
    }

    @Override
    public void close() {
        service.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
