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
     * histories recorded before it still replay (docs/architecture.md, "Changing the workflow").
     * Version 1 of this one upserts {@link OrderSearchAttributes} on every status change.
     */
    public static final String SEARCH_ATTRIBUTES_CHANGE = "search-attributes";

    /**
     * Version 1 records a confirmed PIX payment in {@code payments} through an activity of the workflow,
     * the table's owner; before it the API's webhook wrote the row itself.
     */
    public static final String PIX_RECORDED_BY_WORKFLOW_CHANGE = "pix-recorded-by-workflow";

    /**
     * Version 1 asks the provider about a PIX charge on a backoff while it waits for the webhook, so a paid
     * order whose webhooks were lost goes on within a minute instead of being refunded when its window ends.
     */
    public static final String PIX_STATUS_CHECKS_CHANGE = "pix-status-checks";

    /**
     * Version 1 charges through a local activity on the order's worker (the provider's idempotency key and
     * the unique row guard as before): one activity task, its three events and a workflow task fewer per order.
     * A provider still failing after the local attempts gets the regular activity, under the same key.
     */
    public static final String CHARGE_AS_LOCAL_ACTIVITY_CHANGE = "charge-as-local-activity";

    /**
     * Version 1 hands a charge whose local attempts failed (the provider in trouble, not a decline) to the
     * regular charge activity under the same idempotency key, with its ten minutes of retries; before it such
     * an order was rejected PAYMENT_UNAVAILABLE after the local attempts' ten seconds.
     */
    public static final String CHARGE_FALLBACK_CHANGE = "charge-falls-back-to-activity";

    /**
     * Version 1 queues the CONFIRMED notification in the notifications' outbox with the read model's write of
     * CONFIRMED (one transaction), for the workers' relay to send, instead of scheduling the notification
     * activity: an activity task, its three events and the workflow task its completion woke, fewer per order.
     * The other notifications stay activities.
     */
    public static final String CONFIRMED_NOTICE_OUTBOX_CHANGE = "confirmed-notice-outbox";

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
