package dev.comanda.order;

import java.util.Locale;

/**
 * Every path an order workflow can take, each with a history captured from a real Temporal server in
 * {@code histories/<file name>.json} ({@link OrderHistoryCaptureTests} and {@link CancellationHistoryCaptureTests} write them, {@link
 * OrderWorkflowReplayTests} replays them and fails when one is missing).
 */
enum WorkflowPath {
    /** Card, delivery, through every kitchen move; pushed to a marketplace that accepts it. */
    CARD_DELIVERY_COMPLETED,
    CARD_TAKEAWAY_COMPLETED,
    CARD_DINE_IN_COMPLETED,
    /** Cash is collected on delivery: no charge, no refund. */
    CASH_DELIVERY_COMPLETED,
    /** PIX charge pending, the provider's signal arrives, then the kitchen completes it. */
    PIX_PAID_COMPLETED,
    /** PIX paid, but every webhook was lost: the workflow's check with the provider finds it paid. */
    PIX_PAID_WEBHOOK_LOST,
    /** PIX never paid: the wait ends with the reservation's TTL, the charge is voided. */
    PIX_EXPIRED,
    /** The customer cancels while the PIX charge is still pending. */
    PIX_CANCELLED_BEFORE_PAYMENT,
    CARD_DECLINED,
    OUT_OF_STOCK,
    /** The provider keeps failing until the charge gives up: PAYMENT_UNAVAILABLE, stock released. */
    PAYMENT_PROVIDER_UNAVAILABLE,
    /** The commit finds the reservation released by its TTL: refunded, REJECTED. */
    RESERVATION_EXPIRED_AT_COMMIT,
    /** A non-retryable failure of no business type before CONFIRMED: undone, REJECTED as INTERNAL_ERROR. */
    INTERNAL_ERROR_BEFORE_CONFIRMATION,
    CUSTOMER_CANCEL,
    /** The kitchen cancels while preparing. */
    RESTAURANT_CANCEL,
    /** Nobody accepts the order within the accept deadline: the workflow cancels it. */
    AUTO_CANCEL_NOT_ACCEPTED,
    /** A cancel and a kitchen move sent at the same moment: one wins, the order ends CANCELLED. */
    CANCEL_RACING_KITCHEN_MOVE,
    /**
     * The marketplace is down: the order completes while the push keeps retrying. Captured while the
     * workflow is still open, as a worker meets it after a deploy.
     */
    MARKETPLACE_DOWN_ORDER_COMPLETED_STILL_PUSHING,
    /** The marketplace is down and the order is cancelled: the push is cancelled with it. */
    MARKETPLACE_DOWN_ORDER_CANCELLED,
    /** The push fails for good (no endpoint): the sync is FAILED, the order completes anyway. */
    MARKETPLACE_NOT_CONFIGURED_ORDER_COMPLETED,
    /** Temporal itself cancels the workflow: compensated, ended as Canceled. */
    WORKFLOW_CANCELLED;

    String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
