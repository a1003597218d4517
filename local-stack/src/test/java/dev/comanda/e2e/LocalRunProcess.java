package dev.comanda.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./comanda-local} as a separate operating-system process — the same main class, on the test's
 * classpath — so a test can crash it the way a machine crashes: {@code kill -9} of the JVM and of the
 * Temporal dev server it started, nothing given a chance to clean up.
 */
final class LocalRunProcess {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Process process;

    private LocalRunProcess(Process process) {
        this.process = process;
    }

    /** Starts the local run with {@code environment} and waits until the API is ready. */
    /** How much of the run's log a failure to start quotes. */
    private static final int LOG_TAIL_LINES = 40;

    static LocalRunProcess start(Map<String, String> environment, int apiPort, Path log) {
        var java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.comanda.local.LocalComanda"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            var run = new LocalRunProcess(builder.start());
            run.awaitReady(apiPort, log);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(int apiPort, Path log) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // The status-only readiness the API port serves for load balancers (the actuator has its own port).
        var readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/readyz"))
                .timeout(Duration.ofSeconds(5))
                .build();
        var deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the local run exited with " + process.exitValue() + "; its log ends:\n" + tail(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        crash();
        throw new IllegalStateException(
                "the local run was not ready within " + READY_TIMEOUT + "; its log ends:\n" + tail(log));
    }

    /** The log's last lines, in the failure itself: the test's temporary folder is gone once it has failed. */
    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL to the Temporal dev server and every other child, then to the JVM itself. */
    void crash() {
        var children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        children.forEach(child -> child.onExit().join());
        process.onExit().join();
    }

    /** Whether the run left a process behind. */
    boolean anythingAlive() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
