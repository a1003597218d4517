package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The e-mails the API queued for the relay (notifications rows without an order), read where the relay
 * reads them: no workers run in these tests, so an e-mail's text, one-time code included, is still there.
 */
final class EmailCodes {

    private static final Pattern CUSTOMER_CODE = Pattern.compile("(?m)^    ([0-9]{6})$");
    private static final Pattern STAFF_CODE = Pattern.compile("(?m)^    ([A-Z0-9]{5}-[A-Z0-9]{5})$");

    private final JdbcClient jdbc;

    EmailCodes(RunningApi api) {
        this.jdbc = api.bean(JdbcClient.class);
    }

    /** The six digits of the newest sign-in e-mail to {@code email}. */
    String customerCode(String email) {
        return code(email, "SIGN_IN_CODE", CUSTOMER_CODE);
    }

    /** The code of the newest e-mail of {@code kind} (STAFF_INVITATION, PASSWORD_RESET) to {@code email}. */
    String staffCode(String email, String kind) {
        return code(email, kind, STAFF_CODE);
    }

    /** How many e-mails of {@code kind} were queued for {@code email}. */
    long count(String email, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE recipient = ? AND kind = ?")
                .param(email)
                .param(kind)
                .query(Long.class)
                .single();
    }

    long rows(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    private String code(String email, String kind, Pattern pattern) {
        var row = jdbc.sql("""
                        SELECT status, order_id, body
                        FROM notifications
                        WHERE recipient = ? AND kind = ?
                        ORDER BY id DESC
                        LIMIT 1
                        """)
                .param(email)
                .param(kind)
                .query((rs, n) -> new String[] {rs.getString("status"), rs.getString("order_id"), rs.getString("body")})
                .optional()
                .orElseThrow(() -> new AssertionError("no " + kind + " e-mail to " + email));
        assertThat(row[0]).as("queued for the relay").isEqualTo("PENDING");
        assertThat(row[1]).as("an account e-mail has no order").isNull();
        var found = pattern.matcher(row[2]);
        assertThat(found.find()).as("a code in %s", row[2]).isTrue();
        return found.group(1);
    }
}
