package dev.comanda.reliability;

import java.util.HashMap;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stock and outbound effects of one tenant after a run: stock conserved for every product with nothing
 * left reserved and exactly the completed orders' units sold, one notification row per order, kind and
 * recipient (all sent), and each restaurant webhook and marketplace push received as one effect.
 */
final class EffectChecks {

    private static final String STOCK = """
            SELECT s.sku, s.available, s.reserved, s.sold,
                   COALESCE((SELECT SUM(m.quantity)
                             FROM stock_movements m
                             WHERE m.tenant_id = s.tenant_id
                               AND m.sku = s.sku
                               AND m.kind IN ('INITIAL', 'RESTOCK', 'ADJUSTMENT')), 0) AS supplied,
                   COALESCE((SELECT SUM(i.quantity)
                             FROM order_items i
                             JOIN orders o ON o.order_id = i.order_id
                             WHERE o.tenant_id = s.tenant_id
                               AND o.status = 'COMPLETED'
                               AND i.sku = s.sku), 0) AS completed_units
            FROM stock s
            WHERE s.tenant_id = ?
            """;
    private static final String NOTIFICATIONS = """
            SELECT channel, status, COUNT(*) AS n
            FROM notifications
            WHERE tenant_id = ?
            GROUP BY channel, status
            """;
    private static final String OUTBOX = """
            SELECT status, COUNT(*) AS n
            FROM notification_outbox
            WHERE tenant_id = ?
            GROUP BY status
            """;
    private static final String SYNCED = """
            SELECT COUNT(*)
            FROM marketplace_sync_log
            WHERE tenant_id = ?
              AND status = 'SYNCED'
            """;

    private final JdbcClient jdbc;

    EffectChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void check(String tenantId, List<Receiver.Delivery> deliveries, Report report) {
        checkStock(tenantId, report);
        checkNotifications(tenantId, report);
        checkOutbox(tenantId, report);
        checkDeliveries(tenantId, deliveries, report);
    }

    private void checkStock(String tenantId, Report report) {
        jdbc.sql(STOCK).param(tenantId).query(rs -> {
            var sku = rs.getString("sku");
            long available = rs.getLong("available");
            long reserved = rs.getLong("reserved");
            long sold = rs.getLong("sold");
            long supplied = rs.getLong("supplied");
            report.figure("stock " + sku + " supplied", supplied);
            report.figure("stock " + sku + " sold", sold);
            report.add("products checked for conservation", 1);
            if (available + reserved + sold != supplied) {
                report.violation(sku + ": supplied " + supplied + " but available " + available + " + reserved "
                        + reserved + " + sold " + sold);
            }
            if (reserved != 0) {
                report.violation(sku + ": " + reserved + " units still reserved after every order ended");
            }
            if (sold != rs.getLong("completed_units")) {
                report.violation(
                        sku + ": sold " + sold + " but completed orders hold " + rs.getLong("completed_units"));
            }
        });
    }

    /** The unique key allows one row per (order, kind, recipient); every one of them must have been sent. */
    private void checkNotifications(String tenantId, Report report) {
        jdbc.sql(NOTIFICATIONS).param(tenantId).query(rs -> {
            var status = rs.getString("status");
            var rows = rs.getLong("n");
            report.add("notifications " + rs.getString("channel") + " " + status, rows);
            if (!status.equals("SENT")) {
                report.violation(rows + " " + rs.getString("channel") + " notifications ended " + status);
            }
        });
    }

    /**
     * The CONFIRMED notifications the read model queued in the outbox: a row never sent leaves no
     * {@code notifications} row to find unsent, so the outbox is checked itself.
     */
    private void checkOutbox(String tenantId, Report report) {
        jdbc.sql(OUTBOX).param(tenantId).query(rs -> {
            var status = rs.getString("status");
            var rows = rs.getLong("n");
            report.add("outbox notifications " + status, rows);
            if (!status.equals("SENT")) {
                report.violation(rows + " outbox notifications ended " + status);
            }
        });
    }

    /**
     * Each delivery names its effect by Idempotency-Key ({@code <order>:<step>}). A crash between a send
     * and its SENT mark may send one effect again under the same key, which the receiver drops; that is
     * counted, not a violation. A delivery without a key (the receiver could not drop its duplicate), or
     * a count of effects that differs from what the database recorded as sent, would be.
     */
    private void checkDeliveries(String tenantId, List<Receiver.Delivery> deliveries, Report report) {
        var perKey = new HashMap<String, Integer>();
        for (var delivery : deliveries) {
            if (delivery.idempotencyKey() == null) {
                report.violation("a delivery to " + delivery.endpoint() + " carried no Idempotency-Key");
            }
            perKey.merge(delivery.endpoint() + " " + delivery.idempotencyKey(), 1, Integer::sum);
        }
        for (var endpoint : List.of(Receiver.RESTAURANT_PATH, Receiver.MARKETPLACE_PATH)) {
            var name = endpoint.substring(1);
            var received = count(deliveries, endpoint);
            var distinct = perKey.keySet().stream()
                    .filter(k -> k.startsWith(endpoint + " "))
                    .count();
            report.figure(name + " deliveries received", received);
            report.figure(name + " distinct effects", distinct);
            report.figure(name + " redelivered under the same key", received - distinct);
        }
        var sentWebhooks = jdbc.sql("""
                        SELECT COUNT(*)
                        FROM notifications
                        WHERE tenant_id = ? AND channel = 'WEBHOOK' AND status = 'SENT'
                        """).param(tenantId).query(Long.class).single();
        var restaurantEffects = perKey.keySet().stream()
                .filter(k -> k.startsWith(Receiver.RESTAURANT_PATH + " "))
                .count();
        if (sentWebhooks != restaurantEffects) {
            report.violation("notifications table has " + sentWebhooks + " sent webhooks, the restaurant received "
                    + restaurantEffects);
        }
        var synced = jdbc.sql(SYNCED).param(tenantId).query(Long.class).single();
        var pushes = perKey.keySet().stream()
                .filter(k -> k.startsWith(Receiver.MARKETPLACE_PATH + " "))
                .count();
        if (synced != pushes) {
            report.violation("sync log has " + synced + " synced pushes, the marketplace received " + pushes);
        }
    }

    private static long count(List<Receiver.Delivery> deliveries, String endpoint) {
        return deliveries.stream().filter(d -> d.endpoint().equals(endpoint)).count();
    }
}
