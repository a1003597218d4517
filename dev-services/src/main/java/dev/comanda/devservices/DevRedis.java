package dev.comanda.devservices;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis of the local run and the tests: the one at the URL when it answers, else the embedded Redis
 * binary (needs libssl3 on Linux), else a {@code redis-server} found on the PATH, else an error saying how
 * to get one. Started servers keep nothing on disk and listen on 127.0.0.1 only.
 */
public final class DevRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevRedis.class);
    private static final int PROBE_TIMEOUT_MS = 1_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final String REDIS_SERVER = "redis-server";

    private final String url;
    private final AutoCloseable stopper;

    private DevRedis(String url, AutoCloseable stopper) {
        this.url = url;
        this.stopper = stopper;
    }

    /**
     * @param url where a Redis may answer ({@code redis://host:port})
     * @param setting the variable that named {@code url}, for error messages
     * @param embeddedPort port of a started Redis: {@link Ports#SAME_AS_URL}, 0 for any free, or a port
     */
    public static DevRedis start(String url, String setting, RedisMode mode, int embeddedPort) {
        var uri = URI.create(url);
        int urlPort = uri.getPort() < 0 ? 6379 : uri.getPort();
        if (mode == RedisMode.AUTO || mode == RedisMode.EXISTING) {
            if (answers(uri.getHost(), urlPort)) {
                log.info("using existing Redis at {}", url);
                return new DevRedis(url, null);
            }
            if (mode == RedisMode.EXISTING) {
                throw new IllegalStateException("No Redis answers at " + url + " (" + setting + ")");
            }
        }
        int port = Ports.choose(embeddedPort, urlPort);
        var failures = new ArrayList<String>();
        if (mode == RedisMode.AUTO || mode == RedisMode.EMBEDDED) {
            try {
                return startEmbedded(port);
            } catch (IOException | RuntimeException e) {
                failures.add("embedded Redis: " + e.getMessage());
                log.warn("embedded Redis did not start on port {}: {}", port, e.toString());
            }
        }
        if (mode == RedisMode.AUTO || mode == RedisMode.PATH) {
            var binary = onPath(REDIS_SERVER);
            if (binary.isPresent()) {
                return startFromPath(binary.get(), port);
            }
            failures.add("no " + REDIS_SERVER + " on the PATH");
        }
        throw new IllegalStateException("No Redis for the local run: nothing answers at " + url + ", "
                + String.join(", ", failures) + ". Install Redis (e.g. apt-get install redis-server, or"
                + " libssl3 for the embedded one) or set COMANDA_REDIS_URL.");
    }

    private static DevRedis startEmbedded(int port) throws IOException {
        var server = RedisServer.newRedisServer()
                .port(port)
                .bind(Ports.LOOPBACK)
                .setting("save \"\"")
                .setting("appendonly no")
                .onShutdownForceStop(true)
                .build();
        server.start();
        awaitAnswer(port);
        var url = "redis://" + Ports.LOOPBACK + ':' + port;
        log.info("started embedded Redis at {}", url);
        return new DevRedis(url, server::stop);
    }

    private static DevRedis startFromPath(Path binary, int port) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            Ports.LOOPBACK,
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--daemonize",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary, e);
        }
        var hook = new Thread(process::destroy, "local-redis-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        AutoCloseable stopper = () -> {
            process.destroy();
            process.onExit().join();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        };
        try {
            awaitAnswer(port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        var url = "redis://" + Ports.LOOPBACK + ':' + port;
        log.info("started Redis from {} at {}", binary, url);
        return new DevRedis(url, stopper);
    }

    /** Whether a Redis answers PING at host:port (a NOAUTH error also means Redis is there). */
    public static boolean answers(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            socket.setSoTimeout(PROBE_TIMEOUT_MS);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            var reply = new byte[16];
            int read = socket.getInputStream().read(reply);
            var text = read <= 0 ? "" : new String(reply, 0, read, StandardCharsets.US_ASCII);
            return text.startsWith("+PONG") || text.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitAnswer(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers(Ports.LOOPBACK, port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis on port " + port + " did not answer within " + START_TIMEOUT);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Redis", e);
            }
        }
    }

    static Optional<Path> onPath(String name) {
        return SearchPath.find(name, System.getenv("PATH"));
    }

    /** {@code redis://host:port} of the Redis to use. */
    public String url() {
        return url;
    }

    /** Whether this object started a Redis (and {@link #close()} stops it). */
    public boolean started() {
        return stopper != null;
    }

    @Override
    public void close() {
        if (stopper == null) {
            return;
        }
        try {
            stopper.close();
            log.info("stopped Redis at {}", url);
        } catch (Exception e) {
            log.warn("Redis at {} did not stop cleanly", url, e);
        }
    }
}
