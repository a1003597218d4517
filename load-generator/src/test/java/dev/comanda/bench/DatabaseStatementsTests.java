package dev.comanda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.TestDatabase;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The server's statement counters as a step reads them: real MariaDB/MySQL, and the arithmetic alone. */
class DatabaseStatementsTests {

    @Test
    void countsTheStatementsAndCommitsOtherConnectionsSend() throws Exception {
        try (var db = TestDatabase.create();
                var reader = DatabaseStatements.open(db.url(), db.user(), db.password())) {
            assertThat(reader).isNotNull();
            var before = reader.sample();
            try (var client = DriverManager.getConnection(db.url(), db.user(), db.password());
                    var statement = client.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    statement.execute("SELECT " + i);
                }
                client.setAutoCommit(false);
                statement.execute("SELECT 1");
                client.commit();
                statement.execute("SELECT 2");
                client.commit();
                client.setAutoCommit(true);
            }
            var after = reader.sample();

            var perOrder = DatabaseStatements.perOrder(before, after, 0, 1);
            // The server is shared with whatever else runs, so at least what this test sent.
            assertThat((long) perOrder.get("statements")).isGreaterThanOrEqualTo(22);
            assertThat((long) perOrder.get("commits")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void leavesOutTheGeneratorsOwnStatementsAndTheReadersSecondQuery() {
        var perOrder = DatabaseStatements.perOrder(
                new DatabaseStatements.Sample(1_000, 100), new DatabaseStatements.Sample(1_612, 160), 11, 40);

        assertThat(perOrder)
                .containsEntry("statements", 600L)
                .containsEntry("commits", 60L)
                .containsEntry("statements_per_order", 15.0)
                .containsEntry("commits_per_order", 1.5);
    }

    @Test
    void aServerThatDidNotAnswerIsSaidSo() {
        assertThat(DatabaseStatements.perOrder(null, new DatabaseStatements.Sample(1, 1), 0, 10))
                .containsOnlyKeys("missing");
    }
}
