package dev.comanda.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The bodies of the ops queue (docs/operations.md). */
public final class Ops {

    private Ops() {}

    /** {@code GET /ops/orders/queue}: the orders that went wrong, oldest first. */
    public record Queue(List<Entry> items, int count) {}

    /** Why one order is in the queue. */
    public record Entry(
            String tenantId,
            String orderId,
            String reason,
            String status,
            String orderReason,
            Instant since,
            String detail) {}

    /**
     * {@code GET /ops/orders/{id}}: the order (null when only its problems are known), its problems, the
     * workflow's status, its money, stock, marketplace and reconciliation rows, and what ops did about it.
     */
    public record OrderDetail(
            JsonNode order,
            List<Entry> problems,
            String workflow,
            List<Map<String, Object>> payments,
            List<Map<String, Object>> reservations,
            List<Map<String, Object>> marketplaces,
            List<Map<String, Object>> findings,
            List<LedgerEntry> actions,
            Resolution resolution) {}

    public record LedgerEntry(
            String tenantId,
            String orderId,
            String idempotencyKey,
            String action,
            String actor,
            String note,
            String outcome,
            Instant at) {}

    public record Resolution(String tenantId, String orderId, String resolvedBy, String note, Instant resolvedAt) {}

    /** What a resolve or retry did; a repeat under the same Idempotency-Key answers the same. */
    public record ActionResult(
            @JsonProperty("order_id") String orderId,
            String action,
            String outcome,
            String by,
            Instant at,
            String note) {}

    public enum RetryAction {
        MARKETPLACE_PUSH,
        REFUND,
        NOTIFICATION,
        RESET
    }

    /**
     * {@code POST /ops/orders/{id}/retry}: {@code channel} is required for MARKETPLACE_PUSH, {@code notification}
     * (CONFIRMED, READY, REJECTED or CANCELLED: the kind that gave up) for NOTIFICATION.
     */
    public record Retry(RetryAction action, String channel, String notification, String note) {

        public Retry(RetryAction action, String channel, String note) {
            this(action, channel, null, note);
        }
    }
}
