package dev.comanda.persistence.order;

import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code order_placements}: the input of every order workflow, kept by the API before it starts the
 * workflow. Until the workflow's first step writes the order row, this is the only trace of an
 * acknowledged order outside Temporal; the reconciliation starts the workflow again from it when
 * Temporal lost it.
 */
@Repository
public class PlacementReceipts {

    private static final String INSERT = """
            INSERT INTO order_placements (order_id, tenant_id, placement, created_at)
            VALUES (:orderId, :tenantId, :placement, :now)
            ON DUPLICATE KEY UPDATE order_id = order_id
            """;
    private static final String FIND = """
            SELECT placement
            FROM order_placements
            WHERE tenant_id = :tenantId AND order_id = :orderId
            """;

    /** The customer's fields and the delivery address leave the receipt; the rest of the order stays. */
    private static final String ANONYMIZED = """
            JSON_SET(placement,
                     '$.customer', JSON_OBJECT('name', NULL, 'email', NULL, 'phone', NULL),
                     '$.fulfilment.address', NULL)
            """;

    private static final String ANONYMIZE = "UPDATE order_placements SET placement = " + ANONYMIZED + """
            WHERE tenant_id = :tenantId
              AND order_id IN (:orderIds)
            """;
    private static final String ANONYMIZE_TENANT = "UPDATE order_placements SET placement = " + ANONYMIZED + """
            WHERE tenant_id = :tenantId
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    PlacementReceipts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Keeps the order's input; a repeat (a retried placement) keeps the first. */
    public void record(PlaceOrder order) {
        jdbc.sql(INSERT)
                .param("orderId", order.orderId())
                .param("tenantId", order.tenantId())
                .param("placement", json.writeValueAsString(order))
                .param("now", SqlTimes.toSql(clock.instant()))
                .update();
    }

    public Optional<PlaceOrder> find(String tenantId, String orderId) {
        return jdbc.sql(FIND)
                .param("tenantId", tenantId)
                .param("orderId", orderId)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, PlaceOrder.class));
    }

    /**
     * Erasure (docs/personal-data.md): these orders' receipts keep the order — lines, total, payment
     * method — without its customer or delivery address. Only terminal orders are erased, so the
     * reconciliation never starts a workflow from an anonymized receipt. Idempotent.
     */
    public void anonymizeCustomers(String tenantId, List<String> orderIds) {
        if (!orderIds.isEmpty()) {
            jdbc.sql(ANONYMIZE)
                    .param("tenantId", tenantId)
                    .param("orderIds", orderIds)
                    .update();
        }
    }

    /** The same for every receipt of an offboarded tenant. */
    public void anonymizeCustomers(String tenantId) {
        jdbc.sql(ANONYMIZE_TENANT).param("tenantId", tenantId).update();
    }
}
