package dev.comanda.testing;

import dev.comanda.devservices.DevRedis;
import dev.comanda.devservices.RedisMode;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A Redis for tests: a container where a Docker engine runs, else the server named by
 * {@code COMANDA_TEST_REDIS_URL} (default the local Redis on 6379), else — when that variable is unset and
 * nothing answers — a Redis this JVM starts once, as the local run does it ({@link DevRedis}: the embedded
 * binary, else {@code redis-server} from the PATH). Servers are shared between suites, so each suite writes
 * under its own {@link #keyPrefix()}; nothing here ever flushes a database.
 */
public final class TestRedis {

    private static final String URL_SETTING = "COMANDA_TEST_REDIS_URL";
    private static GenericContainer<?> container;
    private static DevRedis local;

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
        if (local == null) {
            var configured = System.getenv(URL_SETTING);
            var explicit = configured != null && !configured.isBlank();
            // A Redis someone named must answer; the default one may be replaced by a started one, on a free port.
            local = DevRedis.start(
                    explicit ? configured.trim() : "redis://127.0.0.1:6379",
                    URL_SETTING,
                    explicit ? RedisMode.EXISTING : RedisMode.AUTO,
                    0);
        }
        return local.url();
    }

    /** A key prefix of this test run, so concurrent suites never touch each other's keys. */
    public static String keyPrefix() {
        return "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ':';
    }
}
