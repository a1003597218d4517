package dev.comanda.local;

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
 *   <tr><td>COMANDA_TEMPORAL_PORT</td><td>7233</td><td>port of the in-memory service on 127.0.0.1 (0: any free)</td></tr>
 *   <tr><td>COMANDA_TEMPORAL_TIMER_FIX</td><td>true</td><td>the lockEvents workaround ({@link LockEventsWorkaround})</td></tr>
 *   <tr><td>COMANDA_DB_URL</td><td>jdbc:mysql://127.0.0.1:3306/comanda</td><td>database to use; when set and silent, an error</td></tr>
 *   <tr><td>COMANDA_DB_USER / COMANDA_DB_PASSWORD</td><td>root / empty</td><td>its credentials</td></tr>
 *   <tr><td>COMANDA_DB_MODE</td><td>auto</td><td>auto, existing or embedded (embedded even when one answers)</td></tr>
 *   <tr><td>COMANDA_DB_EMBEDDED_PORT</td><td>the URL's port</td><td>port of the embedded MariaDB (0: any free)</td></tr>
 *   <tr><td>COMANDA_LOCAL_DIR</td><td>./var</td><td>where the embedded MariaDB keeps binaries and data between runs</td></tr>
 *   <tr><td>COMANDA_REDIS_URL</td><td>redis://127.0.0.1:6379</td><td>Redis to use when it answers</td></tr>
 *   <tr><td>COMANDA_REDIS_MODE</td><td>auto</td><td>auto, existing, embedded or path (a redis-server on the PATH)</td></tr>
 *   <tr><td>COMANDA_REDIS_EMBEDDED_PORT</td><td>the URL's port</td><td>port of a started Redis (0: any free)</td></tr>
 * </table>
 */
public record LocalStackOptions(Temporal temporal, Database database, Redis redis) {

    static final int DEFAULT_TEMPORAL_PORT = 7233;
    static final String DEFAULT_DB_URL = "jdbc:mysql://127.0.0.1:3306/comanda";
    static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    static final String DEFAULT_LOCAL_DIR = "var";
    /** A port setting meaning "the port of the URL". */
    static final int SAME_PORT_AS_URL = -1;

    /**
     * @param address a Temporal to use as {@code host:port}; {@code null} to use or start one on
     *     127.0.0.1:{@code port}
     * @param port where the in-memory service listens; 0 for any free port
     * @param timerFix whether to apply the lockEvents workaround to the in-memory service
     */
    public record Temporal(String address, int port, boolean timerFix) {}

    public enum DatabaseMode {
        /** The configured database when it answers; an embedded MariaDB when none is configured or answers. */
        AUTO,
        /** Only the configured database. */
        EXISTING,
        /** Always an embedded MariaDB, even when a database answers. */
        EMBEDDED
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

    public enum RedisMode {
        /** The configured Redis when it answers, else embedded, else a redis-server from the PATH. */
        AUTO,
        /** Only the configured Redis. */
        EXISTING,
        /** Always the embedded Redis binary. */
        EMBEDDED,
        /** Always a redis-server found on the PATH. */
        PATH
    }

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
                        Integer.parseInt(
                                setting(lookup, "COMANDA_TEMPORAL_PORT", String.valueOf(DEFAULT_TEMPORAL_PORT))),
                        !"false".equalsIgnoreCase(setting(lookup, LockEventsWorkaround.SWITCH, "true"))),
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

    private static String setting(UnaryOperator<String> lookup, String name, String fallback) {
        var value = blankToNull(lookup.apply(name));
        return value != null ? value : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
