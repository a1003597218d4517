package dev.comanda.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Every name the order workflow shares with the outside world: task queues, workflow type and ID,
 * update, signal and query names, and the business failure types activities raise. No other file
 * spells these strings.
 */
public final class OrderContract {

    /** Workflow tasks of orders, and the local activities (read model, inventory) they run. */
    public static final String ORDERS_TASK_QUEUE = "orders";
    /** Payment provider calls: charges and refunds. */
    public static final String PAYMENTS_TASK_QUEUE = "payments";
    /** Email and restaurant webhooks. */
    public static final String NOTIFICATIONS_TASK_QUEUE = "notifications";
    /** Pushes to marketplaces and ERPs. */
    public static final String EXTERNAL_SYNC_TASK_QUEUE = "external-sync";

    public static final String WORKFLOW_TYPE = "Order";
    public static final String TRANSITION_UPDATE = "transition";
    public static final String CANCEL_UPDATE = "cancel";
    /** The placement's answer, sent with the start (update-with-start): the order once it has an outcome. */
    public static final String OUTCOME_UPDATE = "outcome";
    /** The update ID of {@link #OUTCOME_UPDATE}: one per order, so a retried placement attaches to the same one. */
    public static final String OUTCOME_UPDATE_ID = "placement-outcome";

    public static final String PIX_CONFIRMED_SIGNAL = "pixConfirmed";
    public static final String STATE_QUERY = "state";

    /**
     * Change IDs of {@code Workflow.getVersion}: each names one change to the workflow's commands, so
     * orders that ran part of their way before it still replay (docs/architecture.md, "Changing the workflow").
     * Version 1 of this one queues the READY, REJECTED and CANCELLED notifications in the notifications' outbox
     * with the read model's write of that status (one transaction), for the workers' relay to send, as the
     * CONFIRMED one already was: before it each was a notification activity, with its three events and the
     * workflow task its completion woke.
     */
    public static final String NOTICES_OUTBOX_CHANGE = "notices-outbox";

    /**
     * Version 1 writes a new order into the read model with its first status — CONFIRMED, or REJECTED when stock
     * ran out — in one local activity and one transaction ({@code OrderReadModelActivities.recordPlacedWithProgress})
     * instead of a write of its own as the workflow's first command; an order that must wait before its first
     * status (a PIX payment, a provider in trouble, an undo) is written as placed just before it waits. Asked once,
     * at the start of every order.
     */
    public static final String PLACEMENT_WITH_FIRST_STATUS_CHANGE = "placement-with-first-status";

    /**
     * Version 1 completes an order with the move that hands it over (PICKED_UP, DELIVERED, SERVED): the update
     * writes both entries in one local activity and answers COMPLETED, instead of the workflow's main path writing
     * COMPLETED with a second local activity beside the update's. Asked in the handover's update only.
     */
    public static final String HANDOVER_COMPLETES_CHANGE = "handover-completes";

    /** Business failure types: activities raise them as non-retryable ApplicationFailures. */
    public static final String OUT_OF_STOCK = "OutOfStock";

    public static final String RESERVATION_EXPIRED = "ReservationExpired";
    public static final String PAYMENT_DECLINED = "PaymentDeclined";
    /** Raised by update handlers: the move is not legal from the current status or for the actor. */
    public static final String ILLEGAL_TRANSITION = "IllegalTransition";

    /**
     * The reason sent with the refund that undoes an order. Whoever refunds an order (its workflow, the
     * reconciliation) sends the same body under the same key, so the provider replays one refund.
     */
    public static final String REFUND_REASON = "order not fulfilled";

    private static final String WORKFLOW_ID_PREFIX = "order-";
    /** What a restaurant's ID is made of: lower-case letters, digits and dashes, at most 40. */
    public static final String TENANT_ID_REGEX = "[a-z0-9][a-z0-9-]{0,39}";

    private static final Pattern TENANT_ID = Pattern.compile(TENANT_ID_REGEX);
    private static final Pattern ORDER_ID = Pattern.compile("[a-f0-9]{32}");

    private OrderContract() {}

    /**
     * The order ID for a client's idempotency key: a hash, so keys of any shape give a short, safe ID,
     * and the same key in two tenants gives two orders.
     */
    public static String orderId(String tenantId, String idempotencyKey) {
        requireTenant(tenantId);
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + '\n' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code order-<tenant>-<orderId>}: the tenant is part of the ID, so no token reaches another tenant's workflow. */
    public static String workflowId(String tenantId, String orderId) {
        requireTenant(tenantId);
        if (!isOrderId(orderId)) {
            throw new IllegalArgumentException("not an order ID: " + orderId);
        }
        return WORKFLOW_ID_PREFIX + tenantId + '-' + orderId;
    }

    /** {@code order-<tenant>-}: what every order workflow of the tenant starts with (its offboarding). */
    public static String workflowIdPrefix(String tenantId) {
        requireTenant(tenantId);
        return WORKFLOW_ID_PREFIX + tenantId + '-';
    }

    public static boolean isTenantId(String tenantId) {
        return tenantId != null && TENANT_ID.matcher(tenantId).matches();
    }

    public static boolean isOrderId(String orderId) {
        return orderId != null && ORDER_ID.matcher(orderId).matches();
    }

    /** Idempotency key of one side effect of one order: the same on every retry and replay. */
    public static String effectKey(String orderId, String step) {
        return orderId + ':' + step;
    }

    private static void requireTenant(String tenantId) {
        if (!isTenantId(tenantId)) {
            throw new IllegalArgumentException("not a tenant ID: " + tenantId);
        }
    }
}
