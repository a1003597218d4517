package dev.comanda.persistence.order;

import dev.comanda.order.ActingParty;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How an {@link ActingParty} is kept: three nullable columns ({@code by_kind}, {@code by_id}, {@code by_name}). */
final class ActingParties {

    private ActingParties() {}

    /** The party of the row's {@code by_*} columns, or null when it has none (or a kind this build does not know). */
    static ActingParty read(ResultSet rs) throws SQLException {
        var kind = rs.getString("by_kind");
        if (kind == null) {
            return null;
        }
        try {
            return new ActingParty(ActingParty.Kind.valueOf(kind), rs.getString("by_id"), rs.getString("by_name"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text cut to the column's width: a name is for people to read, never a reason to lose the entry. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
