package dev.comanda.activities.reconciliation;

import static dev.comanda.reconciliation.ReconciliationContract.findingKey;

import dev.comanda.activities.payment.PaymentBooks;
import dev.comanda.activities.payment.PaymentBooks.ProviderCharge;
import dev.comanda.inventory.InventoryActivities;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.RepairOutcome;
import dev.comanda.order.PaymentStatus;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.RefundRequest;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.reconciliation.ReconciliationRepository;
import dev.comanda.reconciliation.ReconciliationActivities;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import dev.comanda.reconciliation.ReconciliationReport;
import io.temporal.activity.Activity;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reconciliation's activities. Each repair goes through the owning domain's own idempotent code
 * under the order's own keys (or, for a charge no order made, a key derived from the provider's
 * charge ID), then marks its finding REPAIRED; the meters count a repair once, when the finding moved.
 */
@Component
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);

    private final ReconciliationScanner scanner;
    private final LostOrderRepair lostOrders;
    private final PaymentBooks books;
    private final PaymentActivities payments;
    private final InventoryActivities inventory;
    private final ReconciliationRepository findings;
    private final PlacementReceipts receipts;
    private final OrderQueries orders;
    private final TemporalBooks temporal;
    private final ComandaMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    ReconciliationActivitiesImpl(
            ReconciliationScanner scanner,
            LostOrderRepair lostOrders,
            PaymentBooks books,
            PaymentActivities payments,
            InventoryActivities inventory,
            ReconciliationRepository findings,
            PlacementReceipts receipts,
            OrderQueries orders,
            TemporalBooks temporal,
            ComandaMetrics metrics) {
        this.scanner = scanner;
        this.lostOrders = lostOrders;
        this.books = books;
        this.payments = payments;
        this.inventory = inventory;
        this.findings = findings;
        this.receipts = receipts;
        this.orders = orders;
        this.temporal = temporal;
        this.metrics = metrics;
    }

    @Override
    public Scan scan(ScanRequest request) {
        return scanner.scan(request.runId(), request.policy(), ReconciliationActivitiesImpl::heartbeat);
    }

    @Override
    public Repair repairLostOrder(String runId, LostOrder order) {
        var outcome = lostOrders.repair(order.tenantId(), order.orderId());
        return done(runId, FindingKind.LOST_ORDER, order.orderId(), outcome.changed(), outcome.detail());
    }

    @Override
    public Repair restartPlacement(String runId, LostPlacement placement) {
        var order = receipts.find(placement.tenantId(), placement.orderId());
        String detail;
        boolean changed = false;
        if (order.isEmpty()) {
            detail = "no placement receipt";
        } else if (orders.find(placement.tenantId(), placement.orderId()).isPresent()) {
            detail = "the order row appeared meanwhile";
        } else {
            changed = temporal.startOrder(order.get());
            detail = changed ? "workflow started again from the placement" : "workflow exists already";
        }
        return done(runId, FindingKind.LOST_PLACEMENT, placement.orderId(), changed, detail);
    }

    @Override
    public Repair refundCharge(String runId, MisplacedCharge charge) {
        String detail;
        boolean changed;
        if ("ORDER_ENDED".equals(charge.problem())
                && books.isOrdersCharge(charge.orderId(), charge.providerChargeId())) {
            // The order's own refund, under its own key: should its workflow's refund still be retrying,
            // both send the same request and the provider gives back the money once.
            var refund = payments.refund(new RefundRequest(
                    charge.tenantId(),
                    charge.orderId(),
                    dev.comanda.order.OrderContract.effectKey(charge.orderId(), "refund"),
                    dev.comanda.order.OrderContract.effectKey(charge.orderId(), "charge"),
                    dev.comanda.order.OrderContract.REFUND_REASON));
            changed = refund.status() != PaymentStatus.NONE;
            detail = "order's charge " + refund.status();
        } else {
            var refund = books.refundStray(
                    new ProviderCharge(
                            charge.providerChargeId(),
                            charge.status(),
                            charge.amountCents(),
                            charge.currency(),
                            "",
                            null,
                            charge.tenantId(),
                            charge.orderId()),
                    "reconciled: " + charge.problem());
            changed = !"NONE".equals(refund.status());
            detail = charge.problem() + ": " + refund.status() + " (" + refund.detail() + ")";
        }
        return done(runId, FindingKind.MISPLACED_CHARGE, charge.providerChargeId(), changed, detail);
    }

    @Override
    public Repair releaseReservation(String runId, LooseReservation reservation) {
        var left =
                inventory.release(reservation.tenantId(), reservation.reservationKey(), LostOrderRepair.RELEASE_REASON);
        var changed = left == ReservationStatus.RELEASED || left == ReservationStatus.RESTOCKED;
        return done(
                runId,
                FindingKind.LOOSE_RESERVATION,
                reservation.reservationKey(),
                changed,
                reservation.problem() + ": " + left);
    }

    @Override
    public void recordFailure(String runId, String findingKey, String error) {
        if (findings.failed(runId, findingKey, error)) {
            metrics.reconciliationRepair(kindOf(findingKey), RepairOutcome.FAILED);
        }
        log.warn("reconciliation {}: repair of {} failed: {}", runId, findingKey, error);
    }

    @Override
    public void finishRun(String runId, ReconciliationReport report) {
        findings.finishRun(runId, report, clock.instant());
        log.info(
                "reconciliation {} done: found {}, repaired {}, left for ops {}, failed {}, stuck {}",
                runId,
                report.found(),
                report.repaired(),
                report.leftForOps(),
                report.failed(),
                report.stuck());
    }

    private Repair done(String runId, FindingKind kind, String subject, boolean changed, String detail) {
        var key = findingKey(kind, subject);
        if (findings.repaired(runId, key, detail, clock.instant())) {
            metrics.reconciliationRepair(kind, changed ? RepairOutcome.REPAIRED : RepairOutcome.NOTHING_TO_DO);
        }
        return new Repair(key, changed, detail);
    }

    private static FindingKind kindOf(String findingKey) {
        var kind = findingKey.substring(0, findingKey.indexOf(':'));
        return FindingKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private static void heartbeat() {
        Activity.getExecutionContext().heartbeat(null);
    }
}
