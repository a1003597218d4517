package dev.comanda.persistence.ops;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an order did to money, stock and marketplaces, and what the reconciliation found about it:
 * the rows behind the ops queue's "why". Reads only.
 */
@Component
@Transactional(readOnly = true)
public class OrderEffects {

    private static final String PAYMENTS = """
            SELECT kind, idempotency_key, method, amount_cents, currency, status, provider_id, last_error, updated_at
            FROM payments
            WHERE tenant_id = :tenantId AND order_id = :orderId
            ORDER BY id
            """;
    private static final String RESERVATIONS = """
            SELECT reservation_key, status, release_reason, expires_at, updated_at
            FROM reservations
            WHERE tenant_id = :tenantId AND order_id = :orderId
            """;
    private static final String MARKETPLACES = """
            SELECT channel, status, attempts, external_id, last_error, updated_at
            FROM marketplace_sync_log
            WHERE tenant_id = :tenantId AND order_id = :orderId
            ORDER BY channel
            """;
    private static final String FINDINGS = """
            SELECT finding_key, kind, status, detail, repair, attempts, first_seen_at, last_seen_at, repaired_at
            FROM reconciliation_findings
            WHERE tenant_id = :tenantId AND order_id = :orderId
            ORDER BY id
            """;

    private final JdbcClient jdbc;

    OrderEffects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** payments, reservations, marketplaces and findings of the order, each a list of rows. */
    public Map<String, List<Map<String, Object>>> of(String tenantId, String orderId) {
        var effects = new LinkedHashMap<String, List<Map<String, Object>>>();
        effects.put("payments", rows(PAYMENTS, tenantId, orderId));
        effects.put("reservations", rows(RESERVATIONS, tenantId, orderId));
        effects.put("marketplaces", rows(MARKETPLACES, tenantId, orderId));
        effects.put("findings", rows(FINDINGS, tenantId, orderId));
        return effects;
    }

    private List<Map<String, Object>> rows(String sql, String tenantId, String orderId) {
        return jdbc.sql(sql).param("tenantId", tenantId).param("orderId", orderId).query().listOfRows().stream()
                .map(OrderEffects::withInstants)
                .toList();
    }

    /** DATETIME columns hold UTC: shown as instants, not zone-less local times. */
    private static Map<String, Object> withInstants(Map<String, Object> row) {
        var out = new LinkedHashMap<String, Object>();
        row.forEach((column, value) -> out.put(
                column.toLowerCase(java.util.Locale.ROOT),
                value instanceof LocalDateTime time ? time.toInstant(ZoneOffset.UTC) : value));
        return out;
    }
}
