package dev.comanda.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis for tests: a container where a Docker engine runs, else the server named by
 * {@code COMANDA_TEST_REDIS_URL} (default the local Redis). Servers are shared between suites, so
 * each suite writes under its own {@link #keyPrefix()}; nothing here ever flushes a database.
 */
public final class TestRedis {

    private static GenericContainer<?> container;

    private TestRedis() {}

    /** {@code redis://host:port} of a Redis that answers, or an exception saying how to provide one. */
    public static synchronized String url() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            if (container == null) {
                container = new GenericContainer<>("redis:7.4").withExposedPorts(6379);
                container.start();
            }
            return "redis://" + container.getHost() + ':' + container.getMappedPort(6379);
        }
        var url = TestDatabase.env("COMANDA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        var uri = URI.create(url);
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "No Redis answers at " + url + ". Start one, set COMANDA_TEST_REDIS_URL, or run a Docker engine.",
                    e);
        }
        return url;
    }

    /** A key prefix of this test run, so concurrent suites never touch each other's keys. */
    public static String keyPrefix() {
        return "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ':';
    }
}
