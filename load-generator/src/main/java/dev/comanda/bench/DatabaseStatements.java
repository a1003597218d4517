package dev.comanda.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database server's own statement counters ({@code SHOW GLOBAL STATUS}: {@code Questions}, every
 * statement a client sent, and {@code Com_commit}, the transactions committed), read at a measured phase's
 * ends over a connection of the reader's own. MariaDB and MySQL both keep them. The difference is the whole
 * server's, so the report subtracts the generator's own polling and calls the rest the stack's: each
 * statement is a round trip for the process that sent it and work for the database.
 */
final class DatabaseStatements implements AutoCloseable {

    /** The two counters at one instant. */
    record Sample(long questions, long commits) {}

    private final Connection connection;

    private DatabaseStatements(Connection connection) {
        this.connection = connection;
    }

    /** A reader on a connection of its own, or null when the server does not answer (the report says so). */
    static DatabaseStatements open(String url, String user, String password) {
        try {
            return new DatabaseStatements(DriverManager.getConnection(url, user, password));
        } catch (SQLException e) {
            return null;
        }
    }

    /** The counters now, or null when they cannot be read. */
    Sample sample() {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')")) {
            long questions = -1;
            long commits = -1;
            while (rows.next()) {
                switch (rows.getString(1)) {
                    case "Questions" -> questions = rows.getLong(2);
                    case "Com_commit" -> commits = rows.getLong(2);
                    default -> {}
                }
            }
            return questions < 0 || commits < 0 ? null : new Sample(questions, commits);
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Statements and commits per order between two samples of one reader, leaving out the
     * {@code ownStatements} the generator's follower sent meanwhile and the reader's second status query
     * (the server counts a statement as it starts it, so each sample counts itself).
     */
    static Map<String, Object> perOrder(Sample before, Sample after, long ownStatements, long orders) {
        var m = new LinkedHashMap<String, Object>();
        if (before == null || after == null) {
            m.put("missing", "SHOW GLOBAL STATUS did not answer");
            return m;
        }
        var statements = after.questions() - before.questions() - ownStatements - 1;
        var commits = after.commits() - before.commits();
        var divisor = Math.max(1, orders);
        m.put("statements", statements);
        m.put("commits", commits);
        m.put("statements_per_order", Report.round((double) statements / divisor));
        m.put("commits_per_order", Report.round((double) commits / divisor));
        return m;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the reader's connection only; nothing was written through it
        }
    }
}
