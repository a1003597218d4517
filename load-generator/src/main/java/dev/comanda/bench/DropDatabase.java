package dev.comanda.bench;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Drops a benchmark database once bench/run.sh is done with it: {@code <server jdbc url> <user> <password> <db>}. */
public final class DropDatabase {

    private DropDatabase() {}

    public static void main(String[] args) throws SQLException {
        var name = args[3];
        if (!name.matches("comanda_bench_[0-9a-f]+")) {
            throw new IllegalArgumentException("only benchmark databases are dropped, not " + name);
        }
        try (var connection = DriverManager.getConnection(args[0], args[1], args[2]);
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
