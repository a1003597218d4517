package dev.comanda.reliability;

import dev.comanda.client.NoAnswerException;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderStatus;
import dev.comanda.reconciliation.ReconciliationContract;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Proves the order invariants (docs/architecture.md) for one tenant after a run, from three witnesses that do not
 * trust each other: the SQL read model and ledgers, Temporal's record of each workflow, and the payment
 * provider's own books. Stock and outbound effects are {@link EffectChecks}. Temporal is only described — the
 * execution's status and its {@code ComandaOrderStatus} search attribute, both clear — never a payload: those
 * are encrypted, and an erased customer's can no longer be decrypted by anyone (docs/personal-data.md). The
 * end-to-end suite runs it too, after an erasure and an offboarding.
 */
public final class Checker {

    private static final String ORDERS = """
            SELECT order_id, status, reason, payment_method, total_cents, charged_cents, refunded_cents
            FROM orders
            WHERE tenant_id = ?
            """;
    private static final String PAYMENT_ROWS = """
            SELECT order_id, kind, COUNT(*) AS n
            FROM payments
            WHERE tenant_id = ?
            GROUP BY order_id, kind
            """;
    private static final Set<String> CAPTURED = Set.of("succeeded", "refunded");
    /** The payment methods the provider charges; the others never reach it. */
    private static final Set<String> PROVIDER_METHODS = Set.of("CARD", "PIX");

    record Order(
            String orderId,
            OrderStatus status,
            String reason,
            String method,
            long totalCents,
            long chargedCents,
            long refundedCents) {}

    private final JdbcClient jdbc;
    private final WorkflowClient temporal;
    private final RawApi sandbox;
    private final Map<String, String> sandboxAuth;
    /** The run wiped Temporal's data: a terminal order may have no workflow any more (temporal-loss). */
    private final boolean temporalDataLost;

    public Checker(
            JdbcClient jdbc, WorkflowClient temporal, RawApi sandbox, String sandboxKey, boolean temporalDataLost) {
        this.jdbc = jdbc;
        this.temporal = temporal;
        this.sandbox = sandbox;
        this.sandboxAuth = RawApi.bearer(sandboxKey);
        this.temporalDataLost = temporalDataLost;
    }

    /** Waits until every acknowledged order is terminal in the read model; false when {@code limit} passes first. */
    boolean awaitSettled(String tenantId, Set<String> acknowledged, Duration limit) {
        var deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try {
                var terminal = orders(tenantId).values().stream()
                        .filter(order -> order.status().isTerminal())
                        .map(Order::orderId)
                        .toList();
                if (terminal.containsAll(acknowledged)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // The database may still be coming back from its fault.
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        return false;
    }

    Map<String, Order> orders(String tenantId) {
        var orders = new HashMap<String, Order>();
        jdbc.sql(ORDERS)
                .param(tenantId)
                .query((rs, n) -> new Order(
                        rs.getString("order_id"),
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getString("reason"),
                        rs.getString("payment_method"),
                        rs.getLong("total_cents"),
                        rs.getLong("charged_cents"),
                        rs.getLong("refunded_cents")))
                .list()
                .forEach(order -> orders.put(order.orderId(), order));
        return orders;
    }

    public Report check(String tenantId, Set<String> acknowledged) {
        var report = new Report();
        var orders = orders(tenantId);
        report.figure("orders acknowledged by the API", acknowledged.size());
        report.figure("orders in the read model", orders.size());
        // An order the API never acknowledged yet exists: the client was told no about a real order.
        report.figure(
                "orders in the read model never acknowledged",
                orders.keySet().stream()
                        .filter(id -> !acknowledged.contains(id))
                        .count());
        for (var id : acknowledged) {
            if (!orders.containsKey(id)) {
                report.violation("order " + id + " was acknowledged but never recorded");
            }
        }
        for (var order : orders.values()) {
            report.add("terminal " + order.status() + (order.reason() == null ? "" : " " + order.reason()), 1);
            if (!order.status().isTerminal()) {
                report.violation("order " + order.orderId() + " is still " + order.status());
            }
            checkWorkflow(tenantId, order, report);
        }
        checkPaymentRows(tenantId, orders, report);
        checkProviderBooks(tenantId, orders, report);
        return report;
    }

    /** Temporal must agree: the execution closed normally, with the status the read model shows. */
    private void checkWorkflow(String tenantId, Order order, Report report) {
        var stub = temporal.newUntypedWorkflowStub(OrderContract.workflowId(tenantId, order.orderId()));
        var reconciled = ReconciliationContract.RECONCILED.equals(order.reason());
        WorkflowExecutionDescription description;
        try {
            description = stub.describe();
        } catch (RuntimeException e) {
            if (!isNotFound(e)) {
                throw e;
            }
            // Only a run that wiped Temporal's data may find an order without its workflow: one that ended
            // before the wipe, or one the reconciliation ended after it. Non-terminal ones are flagged above.
            report.add("workflows missing", 1);
            if (!temporalDataLost) {
                report.violation("order " + order.orderId() + " has no workflow");
            }
            return;
        }
        var status = description.getStatus();
        if (reconciled) {
            // Its workflow was lost mid-way and the reconciliation ended it; whatever Temporal has now
            // (a terminated run, a fresh run a retried placement started) is not the order's record.
            report.add(
                    "workflows of reconciled orders "
                            + status.name()
                                    .replace("WORKFLOW_EXECUTION_STATUS_", "")
                                    .toLowerCase(),
                    1);
            return;
        }
        report.add(
                "workflows "
                        + status.name()
                                .replace("WORKFLOW_EXECUTION_STATUS_", "")
                                .toLowerCase(),
                1);
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            // The status the workflow last set, in clear: its result is encrypted (and erased, for some).
            var ended = description.getTypedSearchAttributes().get(OrderSearchAttributes.STATUS);
            if (!order.status().name().equals(ended)) {
                report.violation("order " + order.orderId() + ": workflow ended " + ended + " but the read model says "
                        + order.status());
            }
        } else if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
            report.violation("order " + order.orderId() + ": workflow is " + status);
        }
    }

    private static boolean isNotFound(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkflowNotFoundException
                    || (cause instanceof io.grpc.StatusRuntimeException grpc
                            && grpc.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND)) {
                return true;
            }
        }
        return false;
    }

    /** One CHARGE row and at most one REFUND row per order: the idempotency keys held under retries. */
    private void checkPaymentRows(String tenantId, Map<String, Order> orders, Report report) {
        jdbc.sql(PAYMENT_ROWS).param(tenantId).query(rs -> {
            var orderId = rs.getString("order_id");
            var kind = rs.getString("kind");
            var rows = rs.getLong("n");
            report.add("payment rows " + kind, rows);
            if (rows > 1) {
                report.violation("order " + orderId + " has " + rows + " " + kind + " rows");
            }
            if (!orders.containsKey(orderId)) {
                report.violation("payment rows for unknown order " + orderId);
            }
        });
    }

    /**
     * The provider's books: no order charged twice, and for every order charged − refunded is its total
     * when it completed and zero otherwise; the read model's money must say the same.
     */
    private void checkProviderBooks(String tenantId, Map<String, Order> orders, Report report) {
        RawResponse answer;
        try {
            answer = sandbox.send("GET", "/v1/charges", sandboxAuth, null);
        } catch (NoAnswerException e) {
            report.violation("the payment provider's charge list is unavailable: " + e.getMessage());
            return;
        }
        if (!answer.ok()) {
            report.violation("the payment provider's charge list is unavailable: " + answer);
            return;
        }
        var captured = new HashMap<String, Long>();
        var charges = new HashMap<String, Integer>();
        for (JsonNode charge : answer.json().get("data")) {
            var metadata = charge.path("metadata");
            if (!tenantId.equals(metadata.path("tenant_id").asString(""))) {
                continue;
            }
            var orderId = metadata.path("order_id").asString("");
            var status = charge.path("status").asString("");
            report.add("provider charges " + status, 1);
            if (status.equals("failed")) {
                continue;
            }
            charges.merge(orderId, 1, Integer::sum);
            if (CAPTURED.contains(status)) {
                var net = charge.path("amount").asLong()
                        - charge.path("amount_refunded").asLong();
                captured.merge(orderId, net, Long::sum);
                report.add("provider cents charged", charge.path("amount").asLong());
                report.add(
                        "provider cents refunded",
                        charge.path("amount_refunded").asLong());
            }
        }
        charges.forEach((orderId, n) -> {
            if (n > 1) {
                report.violation("order " + orderId + " was charged " + n + " times");
            }
            if (!orders.containsKey(orderId)) {
                report.violation("provider charge for unknown order " + orderId);
            }
        });
        var moneyChecked = 0;
        for (var order : orders.values()) {
            var completed = order.status() == OrderStatus.COMPLETED;
            // Cash is collected on hand-over (charged 0); paid at the counter is charged in full but never
            // through the provider (docs/pos-sync.md).
            var expected = completed && !"CASH".equals(order.method()) ? order.totalCents() : 0;
            var expectedAtProvider = completed && PROVIDER_METHODS.contains(order.method()) ? order.totalCents() : 0;
            var net = captured.getOrDefault(order.orderId(), 0L);
            if (net != expectedAtProvider) {
                report.violation("order " + order.orderId() + " " + order.status() + ": provider kept " + net
                        + " cents, expected " + expectedAtProvider);
            }
            if (order.chargedCents() - order.refundedCents() != expected) {
                report.violation("order " + order.orderId() + " " + order.status() + ": read model says charged "
                        + order.chargedCents() + " − refunded " + order.refundedCents() + ", expected " + expected);
            }
            moneyChecked++;
        }
        report.figure("orders whose money was checked", moneyChecked);
        report.figure(
                "orders charged twice",
                charges.values().stream().filter(n -> n > 1).count());
    }
}
