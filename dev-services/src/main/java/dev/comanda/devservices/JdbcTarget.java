package dev.comanda.devservices;

import java.net.URI;

/** The parts of a {@code jdbc:mysql://host:port/database?options} URL the local stack needs. */
public record JdbcTarget(String host, int port, String database, String query) {

    private static final int DEFAULT_PORT = 3306;

    public static JdbcTarget parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:mysql://") && !jdbcUrl.startsWith("jdbc:mariadb://")) {
            throw new IllegalArgumentException("expected jdbc:mysql://host:port/database, got " + jdbcUrl);
        }
        var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        var database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("the URL must name a database of letters, digits and _: " + jdbcUrl);
        }
        return new JdbcTarget(
                uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, uri.getQuery());
    }

    /** The URL of the server, without a database, for creating it. */
    public String serverUrl() {
        return "jdbc:mysql://" + host + ':' + port + '/' + (query == null ? "" : '?' + query);
    }
}
