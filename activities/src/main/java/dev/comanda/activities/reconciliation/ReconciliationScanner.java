package dev.comanda.activities.reconciliation;

import dev.comanda.activities.payment.PaymentBooks;
import dev.comanda.activities.payment.PaymentBooks.ProviderCharge;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.reconciliation.ReconciliationRepository;
import dev.comanda.persistence.reconciliation.ReconciliationRepository.NewFinding;
import dev.comanda.persistence.reconciliation.SuspectQueries;
import dev.comanda.reconciliation.ReconciliationActivities.LooseReservation;
import dev.comanda.reconciliation.ReconciliationActivities.LostOrder;
import dev.comanda.reconciliation.ReconciliationActivities.LostPlacement;
import dev.comanda.reconciliation.ReconciliationActivities.MisplacedCharge;
import dev.comanda.reconciliation.ReconciliationActivities.Scan;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import dev.comanda.reconciliation.ReconciliationContract.FindingStatus;
import dev.comanda.reconciliation.ReconciliationPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scan of one run: compares the read model with Temporal (lost orders, orphan workflows), the
 * provider's charges with the orders (misplaced money) and the held reservations with the orders
 * (loose stock), and records each suspect as a finding. Only suspects left alone for the policy's
 * grace are looked at, so an order mid-step is never taken for a lost one.
 */
@Component
class ReconciliationScanner {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationScanner.class);
    /** Orders read, and asked of visibility, per round trip. */
    private static final int PAGE = 100;
    /** Running workflows compared with the read model per run, at most: the orphan check is a safety net. */
    private static final int ORPHAN_CHECKS_PER_BATCH = 10;

    private final SuspectQueries suspects;
    private final TemporalBooks temporal;
    private final PaymentBooks payments;
    private final ReconciliationRepository findings;
    private final ComandaMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    ReconciliationScanner(
            SuspectQueries suspects,
            TemporalBooks temporal,
            PaymentBooks payments,
            ReconciliationRepository findings,
            ComandaMetrics metrics) {
        this.suspects = suspects;
        this.temporal = temporal;
        this.payments = payments;
        this.findings = findings;
        this.metrics = metrics;
    }

    /** {@code heartbeat} is called between round trips, so a long scan shows it is alive. */
    Scan scan(String runId, ReconciliationPolicy policy, Runnable heartbeat) {
        var now = clock.instant();
        var cutoff = now.minus(policy.grace());
        var horizon = now.minus(policy.lookback());
        var stuck = suspects.stuck(now, policy.stuck());
        findings.startRun(runId, now, stuck);
        var run = new Run(runId, now);
        findings.closeCaughtUpOrphans(runId, now);
        var lost = lostOrders(run, cutoff, now.minus(policy.failedHold()), policy.batchSize(), heartbeat);
        var placements = lostPlacements(run, cutoff, now.minus(policy.placementLookback()), policy.batchSize());
        var charges = misplacedCharges(run, horizon, cutoff, policy.batchSize());
        heartbeat.run();
        var reservations = looseReservations(run, horizon, cutoff, policy.batchSize());
        orphanWorkflows(run, horizon, cutoff, policy.batchSize() * ORPHAN_CHECKS_PER_BATCH, heartbeat);
        var more = lost.size() >= policy.batchSize()
                || placements.size() >= policy.batchSize()
                || charges.size() >= policy.batchSize()
                || reservations.size() >= policy.batchSize();
        var scan = new Scan(lost, placements, charges, reservations, run.leftForOps, stuck.total(), more);
        log.info(
                "reconciliation {} found {} lost orders, {} lost placements, {} misplaced charges, {} loose reservations,"
                        + " {} for ops, {} stuck",
                runId,
                lost.size(),
                placements.size(),
                charges.size(),
                reservations.size(),
                run.leftForOps,
                stuck.total());
        return scan;
    }

    private List<LostOrder> lostOrders(Run run, Instant cutoff, Instant failedBefore, int limit, Runnable heartbeat) {
        var lost = new ArrayList<LostOrder>();
        var afterAt = Instant.EPOCH;
        var afterId = "";
        while (lost.size() < limit) {
            var page = suspects.quietLiveOrders(cutoff, afterAt, afterId, PAGE);
            if (page.isEmpty()) {
                break;
            }
            var running = temporal.listedAsRunning(
                    page.stream().map(SuspectQueries.QuietOrder::workflowId).toList());
            for (var order : page) {
                if (lost.size() >= limit || running.contains(order.workflowId())) {
                    continue;
                }
                // Visibility may lag: only describe decides.
                var state = temporal.state(order.workflowId());
                if (TemporalBooks.FAILED.equals(state) && order.updatedAt().isAfter(failedBefore)) {
                    // A failed workflow may be reset by ops to its last good workflow task; ended only after the hold.
                    run.found(
                            new NewFinding(
                                    FindingKind.LOST_ORDER,
                                    order.orderId(),
                                    order.tenantId(),
                                    order.orderId(),
                                    "order " + order.status()
                                            + ", workflow FAILED: reset or wait for the hold to end it"),
                            FindingStatus.LEFT_FOR_OPS);
                } else if (!TemporalBooks.RUNNING.equals(state)) {
                    run.found(
                            new NewFinding(
                                    FindingKind.LOST_ORDER,
                                    order.orderId(),
                                    order.tenantId(),
                                    order.orderId(),
                                    "order " + order.status() + " since " + order.updatedAt() + ", workflow " + state),
                            FindingStatus.FOUND);
                    lost.add(new LostOrder(order.tenantId(), order.orderId(), order.status(), state));
                }
            }
            heartbeat.run();
            var last = page.getLast();
            afterAt = last.updatedAt();
            afterId = last.orderId();
            if (page.size() < PAGE) {
                break;
            }
        }
        return lost;
    }

    /**
     * Acknowledged placements with no order row: a workflow still running has a backlog and is left to
     * it; a missing one was lost before its first step and is started again; a closed one is for ops.
     */
    private List<LostPlacement> lostPlacements(Run run, Instant cutoff, Instant horizon, int limit) {
        var lost = new ArrayList<LostPlacement>();
        for (var placement : suspects.unrecordedPlacements(cutoff, horizon, limit)) {
            var workflowId = OrderContract.workflowId(placement.tenantId(), placement.orderId());
            var state = temporal.state(workflowId);
            if (TemporalBooks.RUNNING.equals(state)) {
                continue;
            }
            var finding = new NewFinding(
                    FindingKind.LOST_PLACEMENT,
                    placement.orderId(),
                    placement.tenantId(),
                    placement.orderId(),
                    "acknowledged placement never recorded, workflow " + state);
            if (TemporalBooks.MISSING.equals(state)) {
                run.found(finding, FindingStatus.FOUND);
                lost.add(new LostPlacement(placement.tenantId(), placement.orderId()));
            } else {
                run.found(finding, FindingStatus.LEFT_FOR_OPS);
            }
        }
        return lost;
    }

    private List<MisplacedCharge> misplacedCharges(Run run, Instant horizon, Instant cutoff, int limit) {
        var held = payments.charges(horizon, cutoff).stream()
                .filter(ProviderCharge::holdsMoney)
                .toList();
        var orders = suspects.orders(held.stream()
                .map(ProviderCharge::orderId)
                .filter(OrderContract::isOrderId)
                .distinct()
                .toList());
        var misplaced = new ArrayList<MisplacedCharge>();
        for (var charge : held) {
            if (misplaced.size() >= limit) {
                break;
            }
            var finding = new NewFinding(
                    FindingKind.MISPLACED_CHARGE, charge.id(), charge.tenantId(), charge.orderId(), null);
            if (!OrderContract.isOrderId(charge.orderId()) || !OrderContract.isTenantId(charge.tenantId())) {
                run.found(finding.withDetail("charge " + charge.id() + " names no order"), FindingStatus.LEFT_FOR_OPS);
                continue;
            }
            var order = orders.get(charge.orderId());
            String problem;
            if (order == null) {
                problem = "NO_ORDER";
            } else if (!Objects.equals(order.tenantId(), charge.tenantId())) {
                run.found(finding.withDetail("charge names another tenant's order"), FindingStatus.LEFT_FOR_OPS);
                continue;
            } else if (order.status() == OrderStatus.REJECTED || order.status() == OrderStatus.CANCELLED) {
                problem = "ORDER_ENDED";
            } else if (order.status() == OrderStatus.COMPLETED
                    && !payments.isOrdersCharge(order.orderId(), charge.id())) {
                problem = "NOT_THE_ORDERS_CHARGE";
            } else {
                // A live order's money is its workflow's business (or the lost-order repair's).
                continue;
            }
            run.found(
                    finding.withDetail(charge.status() + " charge of " + charge.amountCents() + " " + charge.currency()
                            + ": " + problem),
                    FindingStatus.FOUND);
            misplaced.add(new MisplacedCharge(
                    charge.id(),
                    charge.tenantId(),
                    charge.orderId(),
                    charge.amountCents(),
                    charge.currency(),
                    charge.status(),
                    problem));
        }
        return misplaced;
    }

    private List<LooseReservation> looseReservations(Run run, Instant horizon, Instant cutoff, int limit) {
        var loose = new ArrayList<LooseReservation>();
        for (var held : suspects.looseReservations(cutoff, horizon, limit)) {
            var problem = held.orderStatus() == null ? "NO_ORDER" : "ORDER_" + held.orderStatus();
            run.found(
                    new NewFinding(
                            FindingKind.LOOSE_RESERVATION,
                            held.reservationKey(),
                            held.tenantId(),
                            held.orderId(),
                            "reservation held: " + problem),
                    FindingStatus.FOUND);
            loose.add(new LooseReservation(held.tenantId(), held.orderId(), held.reservationKey(), problem));
        }
        return loose;
    }

    private void orphanWorkflows(Run run, Instant horizon, Instant cutoff, int limit, Runnable heartbeat) {
        var workflowIds = temporal.runningOrderWorkflows(horizon, cutoff, limit);
        for (int from = 0; from < workflowIds.size(); from += PAGE) {
            var page = workflowIds.subList(from, Math.min(workflowIds.size(), from + PAGE));
            var known = suspects.orders(
                    page.stream().map(ReconciliationScanner::orderIdOf).toList());
            for (var workflowId : page) {
                var orderId = orderIdOf(workflowId);
                if (!known.containsKey(orderId)) {
                    run.found(
                            new NewFinding(
                                    FindingKind.ORPHAN_WORKFLOW,
                                    workflowId,
                                    tenantOf(workflowId),
                                    OrderContract.isOrderId(orderId) ? orderId : null,
                                    "workflow running with no order row"),
                            FindingStatus.LEFT_FOR_OPS);
                }
            }
            heartbeat.run();
        }
    }

    /** {@code order-<tenant>-<orderId>}: the order ID is the last 32 characters. */
    private static String orderIdOf(String workflowId) {
        var dash = workflowId.lastIndexOf('-');
        return dash < 0 ? workflowId : workflowId.substring(dash + 1);
    }

    private static String tenantOf(String workflowId) {
        var first = workflowId.indexOf('-');
        var last = workflowId.lastIndexOf('-');
        var tenant = first >= 0 && last > first ? workflowId.substring(first + 1, last) : null;
        return OrderContract.isTenantId(tenant) ? tenant : null;
    }

    /** Records this run's findings and counts the new ones and those left for a person. */
    private final class Run {
        private final String runId;
        private final Instant now;
        private int leftForOps;

        Run(String runId, Instant now) {
            this.runId = runId;
            this.now = now;
        }

        void found(NewFinding finding, FindingStatus status) {
            if (findings.record(runId, finding, status, now)) {
                metrics.reconciliationFound(finding.kind());
            }
            if (status == FindingStatus.LEFT_FOR_OPS) {
                leftForOps++;
            }
        }
    }
}
