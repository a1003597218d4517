package dev.comanda.client;

import dev.comanda.client.Ops.ActionResult;
import dev.comanda.client.Ops.OrderDetail;
import dev.comanda.client.Ops.Queue;
import dev.comanda.client.Ops.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/ops/orders}: the queue of orders that went wrong, as an OPS token (its tenant) or the
 * operator (every tenant; {@code tenant} picks one). Resolve and retry need an Idempotency-Key.
 */
public final class OpsApi {

    private static final String OPS = Transport.API + "/ops/orders";

    private final Transport transport;
    private final String token;
    private final String operatorKey;

    OpsApi(Transport transport, String token, String operatorKey) {
        this.transport = transport;
        this.token = token;
        this.operatorKey = operatorKey;
    }

    /** The queue, oldest first; {@code reasons}, {@code olderThan}, {@code tenant} and {@code limit} may be null. */
    public Queue queue(List<String> reasons, Duration olderThan, String tenant, Integer limit) {
        var parts = new ArrayList<String>();
        if (reasons != null) {
            reasons.forEach(reason -> OrderQuery.add(parts, "reason", reason));
        }
        OrderQuery.add(parts, "older_than", olderThan);
        OrderQuery.add(parts, "tenant", tenant);
        OrderQuery.add(parts, "limit", limit);
        var query = parts.isEmpty() ? "" : "?" + String.join("&", parts);
        return transport.call("GET", OPS + "/queue" + query, headers(null), null, Queue.class);
    }

    public OrderDetail order(String orderId, String tenant) {
        return transport.call("GET", OPS + "/" + orderId + tenant(tenant), headers(null), null, OrderDetail.class);
    }

    /** Resolves the order with a note; it leaves the queue. */
    public ActionResult resolve(String orderId, String tenant, String idempotencyKey, String note) {
        return transport.call(
                "POST",
                OPS + "/" + orderId + "/resolve" + tenant(tenant),
                headers(idempotencyKey),
                Map.of("note", note),
                ActionResult.class);
    }

    /** Retries where it is safe: a marketplace push, a refund, or a reset of a failed workflow. */
    public ActionResult retry(String orderId, String tenant, String idempotencyKey, Retry retry) {
        return transport.call(
                "POST",
                OPS + "/" + orderId + "/retry" + tenant(tenant),
                headers(idempotencyKey),
                retry,
                ActionResult.class);
    }

    private Map<String, String> headers(String idempotencyKey) {
        return Transport.headers(token, OperatorApi.OPERATOR_KEY, operatorKey, "Idempotency-Key", idempotencyKey);
    }

    private static String tenant(String tenant) {
        var parts = new ArrayList<String>();
        OrderQuery.add(parts, "tenant", tenant);
        return parts.isEmpty() ? "" : "?" + parts.getFirst();
    }
}
