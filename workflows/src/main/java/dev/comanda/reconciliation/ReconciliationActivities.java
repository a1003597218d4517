package dev.comanda.reconciliation;

import dev.comanda.order.OrderStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The reconciliation's I/O. {@link #scan} reads the read model, Temporal and the provider's books and
 * records what it finds; each repair is idempotent and keyed by what it repairs (the order, the
 * provider charge, the reservation), so a retried or repeated repair changes nothing twice.
 */
@ActivityInterface(namePrefix = "Reconciliation")
public interface ReconciliationActivities {

    /** Finds the suspects of one run (at most a batch of each kind), records them as findings. */
    @ActivityMethod
    Scan scan(ScanRequest request);

    /**
     * Ends a lost order: releases or restocks its stock, refunds or voids its charge by the order's own
     * idempotency keys, records it REJECTED or CANCELLED with reason RECONCILED (a handed-over order
     * COMPLETED) and notifies the customer. An order that turned terminal meanwhile is left alone.
     */
    @ActivityMethod
    Repair repairLostOrder(String runId, LostOrder order);

    /**
     * Starts the workflow of an acknowledged placement again from its receipt, under its own workflow ID:
     * the order then runs as if placed now. An order whose row appeared meanwhile is left alone.
     */
    @ActivityMethod
    Repair restartPlacement(String runId, LostPlacement placement);

    /** Refunds (or voids) a provider charge that no live order accounts for. */
    @ActivityMethod
    Repair refundCharge(String runId, MisplacedCharge charge);

    /** Releases (or restocks) a reservation held for an order that ended or does not exist. */
    @ActivityMethod
    Repair releaseReservation(String runId, LooseReservation reservation);

    /** Every attempt of a repair failed: the finding says why, and the next run tries again. */
    @ActivityMethod
    void recordFailure(String runId, String findingKey, String error);

    /** Stores the run's report, which the reconciliation metrics are read from. */
    @ActivityMethod
    void finishRun(String runId, ReconciliationReport report);

    record ScanRequest(String runId, ReconciliationPolicy policy) {}

    /**
     * @param leftForOps findings recorded for a person (orphan workflows, charges no order can be named for)
     * @param stuck orders sitting at one step longer than the policy allows
     * @param more a batch was full: another run may find more
     */
    record Scan(
            List<LostOrder> lostOrders,
            List<LostPlacement> placements,
            List<MisplacedCharge> charges,
            List<LooseReservation> reservations,
            int leftForOps,
            int stuck,
            boolean more) {

        public int found() {
            return lostOrders.size() + placements.size() + charges.size() + reservations.size() + leftForOps;
        }
    }

    /** {@code workflow}: what Temporal said of the order's workflow, e.g. MISSING or TERMINATED. */
    record LostOrder(String tenantId, String orderId, OrderStatus status, String workflow) {}

    record LostPlacement(String tenantId, String orderId) {}

    /** {@code problem}: NO_ORDER, ORDER_ENDED (money on a rejected or cancelled order) or NOT_THE_ORDERS_CHARGE. */
    record MisplacedCharge(
            String providerChargeId,
            String tenantId,
            String orderId,
            long amountCents,
            String currency,
            String status,
            String problem) {}

    record LooseReservation(String tenantId, String orderId, String reservationKey, String problem) {}

    /** {@code changed}: the repair moved money, stock or the order; false when it found nothing left to do. */
    record Repair(String findingKey, boolean changed, String detail) {}
}
