package dev.comanda.persistence.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from DATETIME(6) columns, which hold UTC. Parameters go as text: MariaDB 10.x
 * announces itself as "5.5.5-10.x", so Connector/J takes it for a server without fractional seconds
 * and silently drops the microseconds of a bound LocalDateTime or Timestamp. A literal keeps them on
 * MariaDB and MySQL alike, independent of the session time zone.
 */
public final class SqlTimes {

    private static final DateTimeFormatter DATETIME_6 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqlTimes() {}

    /** The instant as a DATETIME(6) literal in UTC. */
    public static String toSql(Instant instant) {
        return instant == null ? null : DATETIME_6.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** A DATETIME(6) value read as LocalDateTime, taken as UTC. */
    public static Instant fromSql(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** The instant at the precision a DATETIME(6) column keeps, so what is returned equals what is read back. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
