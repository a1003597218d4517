package dev.comanda.persistence.pos;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The batch upload's memory: one row per (tenant, device, client order ID), holding the order it
 * became and the answer first given, so a re-sent order is answered the same and makes nothing new.
 * The primary key decides between two concurrent uploads of one order, never a read.
 */
@Repository
public class PosSyncRecords {

    private static final String FIND = """
            SELECT client_order_id, order_id, fingerprint, result, result_json
            FROM pos_sync_orders
            WHERE tenant_id = :tenantId
              AND device_id = :deviceId
              AND client_order_id IN (:clientIds)
            """;
    private static final String INSERT = """
            INSERT INTO pos_sync_orders (tenant_id, device_id, client_order_id, order_id, fingerprint,
                                         result, result_json, taken_at, synced_at)
            VALUES (:tenantId, :deviceId, :clientId, :orderId, :fingerprint,
                    :result, :resultJson, :takenAt, UTC_TIMESTAMP(6))
            """;

    /**
     * The fingerprint of an order whose customer was erased: not a SHA-256 (it is no hex), so it matches
     * no order sent again; a re-send is answered the first answer, as a duplicate, since what it was can no
     * longer be compared.
     */
    public static final String ERASED_FINGERPRINT = "erased".repeat(10) + "----";

    private static final String ERASE_FINGERPRINTS = """
            UPDATE pos_sync_orders
            SET fingerprint = :erased
            WHERE tenant_id = :tenantId
              AND order_id IN (:orderIds)
              AND fingerprint <> :erased
            """;
    private static final String ERASE_TENANT_FINGERPRINTS = """
            UPDATE pos_sync_orders
            SET fingerprint = :erased
            WHERE tenant_id = :tenantId
              AND fingerprint <> :erased
            """;

    private final JdbcClient jdbc;

    PosSyncRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What was answered the first time a device sent an order. */
    public record Recorded(
            String clientOrderId, String orderId, String fingerprint, String result, String resultJson) {}

    /** The recorded orders among {@code clientIds}, by client order ID. */
    @Transactional(readOnly = true)
    public Map<String, Recorded> find(String tenantId, String deviceId, Collection<String> clientIds) {
        var found = new HashMap<String, Recorded>();
        if (clientIds.isEmpty()) {
            return found;
        }
        jdbc.sql(FIND)
                .param("tenantId", tenantId)
                .param("deviceId", deviceId)
                .param("clientIds", List.copyOf(clientIds))
                .query((rs, n) -> new Recorded(
                        rs.getString("client_order_id"),
                        rs.getString("order_id"),
                        rs.getString("fingerprint"),
                        rs.getString("result"),
                        rs.getString("result_json")))
                .list()
                .forEach(r -> found.put(r.clientOrderId(), r));
        return found;
    }

    /** Records the first answer; false when another upload of the same order recorded one first. */
    @Transactional
    public boolean insert(String tenantId, String deviceId, Recorded recorded, Instant takenAt) {
        try {
            jdbc.sql(INSERT)
                    .param("tenantId", tenantId)
                    .param("deviceId", deviceId)
                    .param("clientId", recorded.clientOrderId())
                    .param("orderId", recorded.orderId())
                    .param("fingerprint", recorded.fingerprint())
                    .param("result", recorded.result())
                    .param("resultJson", recorded.resultJson())
                    .param("takenAt", SqlTimes.toSql(takenAt))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Erasure (docs/personal-data.md): the fingerprint is a SHA-256 of the order as the device sent it,
     * its customer included, so an erased customer's orders lose theirs; the row, the order it became and
     * the first answer (which names no customer) stay. Idempotent.
     *
     * @return rows changed
     */
    @Transactional
    public int eraseFingerprints(String tenantId, List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql(ERASE_FINGERPRINTS)
                .param("erased", ERASED_FINGERPRINT)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .update();
    }

    /** The same for every order an offboarded tenant's devices synced. */
    @Transactional
    public int eraseFingerprints(String tenantId) {
        return jdbc.sql(ERASE_TENANT_FINGERPRINTS)
                .param("erased", ERASED_FINGERPRINT)
                .param("tenantId", tenantId)
                .update();
    }
}
