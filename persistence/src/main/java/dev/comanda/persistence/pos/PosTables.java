package dev.comanda.persistence.pos;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Dine-in tables whose bill was closed, and by which device, for the TABLE_CLOSED sync rule. */
@Repository
public class PosTables {

    private static final String INSERT = """
            INSERT INTO pos_table_closures (tenant_id, table_label, closed_at, device_id)
            VALUES (:tenantId, :table, :closedAt, :deviceId)
            """;
    private static final String LATEST_BY_OTHERS = """
            SELECT table_label, closed_at, device_id
            FROM pos_table_closures c
            WHERE tenant_id = :tenantId
              AND table_label IN (:tables)
              AND (device_id IS NULL OR device_id <> :deviceId)
              AND closed_at = (SELECT MAX(closed_at) FROM pos_table_closures l
                               WHERE l.tenant_id = c.tenant_id AND l.table_label = c.table_label
                                 AND (l.device_id IS NULL OR l.device_id <> :deviceId))
            """;

    private final JdbcClient jdbc;

    PosTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A closed bill; {@code deviceId} is null when staff closed it rather than a device. */
    public record Closure(String table, Instant closedAt, String deviceId) {}

    @Transactional
    public Closure close(String tenantId, String table, Instant closedAt, String deviceId) {
        var at = SqlTimes.micros(closedAt);
        jdbc.sql(INSERT)
                .param("tenantId", tenantId)
                .param("table", table)
                .param("closedAt", SqlTimes.toSql(at))
                .param("deviceId", deviceId)
                .update();
        return new Closure(table, at, deviceId);
    }

    /** The latest closure of each named table by anyone but {@code deviceId}. */
    @Transactional(readOnly = true)
    public Map<String, Closure> latestByOthers(String tenantId, Collection<String> tables, String deviceId) {
        var closures = new HashMap<String, Closure>();
        if (tables.isEmpty()) {
            return closures;
        }
        jdbc.sql(LATEST_BY_OTHERS)
                .param("tenantId", tenantId)
                .param("tables", List.copyOf(tables))
                .param("deviceId", Optional.ofNullable(deviceId).orElse(""))
                .query((rs, n) -> new Closure(
                        rs.getString("table_label"),
                        SqlTimes.fromSql(rs.getObject("closed_at", LocalDateTime.class)),
                        rs.getString("device_id")))
                .list()
                .forEach(c -> closures.put(c.table(), c));
        return closures;
    }
}
