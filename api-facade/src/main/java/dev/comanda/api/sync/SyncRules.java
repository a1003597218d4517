package dev.comanda.api.sync;

import dev.comanda.api.error.ApiException.FieldError;
import dev.comanda.api.sync.SyncResult.Conflict;
import dev.comanda.api.sync.SyncResult.Note;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.PaymentMethod;
import dev.comanda.persistence.catalog.CatalogChanges.ProductState;
import dev.comanda.persistence.pos.PosTables.Closure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conflict rules of an order taken offline, applied against the server's catalog and stock as they
 * are at sync time (docs/pos-sync.md, "Conflict rules"). The food has usually been served and paid, so
 * no rule refuses a well-formed order: each either honours what the device did, or records the order as
 * the device took it and flags it for the manager.
 */
final class SyncRules {

    static final String OFFLINE_PRICE_HONOURED = "OFFLINE_PRICE_HONOURED";
    static final String STALE_OFFLINE_PRICE = "STALE_OFFLINE_PRICE";
    static final String PRODUCT_DEACTIVATED = "PRODUCT_DEACTIVATED";
    static final String STOCK_DEFICIT = "STOCK_DEFICIT";
    static final String CLIENT_ORDER_ID_REUSED = "CLIENT_ORDER_ID_REUSED";
    static final String TABLE_CLOSED = "TABLE_CLOSED";

    static final String RECORDED_FLAGGED = "RECORDED_AT_OFFLINE_PRICE_FLAGGED_FOR_REVIEW";
    static final String RECORDED_DEACTIVATED = "RECORDED_AND_FLAGGED_FOR_REVIEW";
    static final String RECORDED_WITH_DEFICIT = "RECORDED_STOCK_TO_DEFICIT_KITCHEN_TOLD";
    static final String RECORDED_SEPARATE_BILL = "RECORDED_AS_SEPARATE_BILL_FLAGGED_FOR_REVIEW";
    static final String REJECTED = "REJECTED_FIRST_ORDER_KEPT";

    private SyncRules() {}

    /** The lines to place, or field errors; with the notes and conflicts the rules produced. */
    record Evaluation(
            List<OrderLine> lines,
            List<FieldError> errors,
            List<Note> notes,
            List<Conflict> conflicts,
            List<String> flags) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** What the server knew of a product, shown to the waiter next to what the device had. */
    record ProductView(String sku, boolean active, long priceCents, int available) {

        static ProductView of(ProductState p) {
            return new ProductView(p.sku(), p.active(), p.price().cents(), p.available());
        }
    }

    /**
     * Applies the rules to one order. {@code stockLeft} is what this batch has not yet used of each SKU's
     * available stock; the order's quantities are taken from it.
     */
    static Evaluation evaluate(
            SyncOrder order,
            Map<String, ProductState> products,
            Map<String, Integer> stockLeft,
            Map<String, Closure> closures,
            String currency,
            Instant now,
            PosSyncProperties properties) {
        var errors = new ArrayList<FieldError>();
        if (order.createdAt().isAfter(now.plus(properties.clockSkew()))) {
            errors.add(new FieldError("createdAt", "is in the future; check the device clock"));
        }
        var method = order.payment().method();
        if (method != PaymentMethod.CASH && method != PaymentMethod.PAID_AT_COUNTER) {
            errors.add(new FieldError("payment.method", "an offline order is CASH or PAID_AT_COUNTER"));
        }
        var f = order.fulfilment();
        if (f.type() == FulfilmentType.DELIVERY) {
            errors.add(new FieldError("fulfilment.type", "a counter order is TAKEAWAY or DINE_IN"));
        }
        if (f.type() == FulfilmentType.DINE_IN
                && (f.table() == null || f.table().isBlank())) {
            errors.add(new FieldError("fulfilment.table", "is required for DINE_IN"));
        }
        for (int i = 0; i < order.lines().size(); i++) {
            if (!products.containsKey(order.lines().get(i).sku())) {
                errors.add(new FieldError(
                        "lines[" + i + "].sku",
                        "unknown product " + order.lines().get(i).sku()));
            }
        }
        if (!errors.isEmpty()) {
            return new Evaluation(List.of(), errors, List.of(), List.of(), List.of());
        }
        var notes = new ArrayList<Note>();
        var conflicts = new ArrayList<Conflict>();
        var flags = new ArrayList<String>();
        var lines = new ArrayList<OrderLine>();
        var age = Duration.between(order.createdAt(), now);
        var wanted = new LinkedHashMap<String, Integer>();
        for (var line : order.lines()) {
            var product = products.get(line.sku());
            lines.add(new OrderLine(
                    product.sku(), product.name(), line.quantity(), new Money(line.unitPriceCents(), currency)));
            wanted.merge(line.sku(), line.quantity(), Integer::sum);
            if (!product.active()) {
                var detail = line.sku() + " was taken off sale while the device was offline";
                conflicts.add(new Conflict(PRODUCT_DEACTIVATED, RECORDED_DEACTIVATED, detail, ProductView.of(product)));
                flags.add(PRODUCT_DEACTIVATED + ": " + detail);
            }
            if (product.price().cents() != line.unitPriceCents()) {
                var detail = line.sku() + " offline " + line.unitPriceCents() + ", catalog now "
                        + product.price().cents() + ", order " + age.toMinutes() + " min old";
                if (age.compareTo(properties.offlinePriceMaxAge()) <= 0) {
                    notes.add(new Note(OFFLINE_PRICE_HONOURED, detail));
                } else {
                    conflicts.add(new Conflict(STALE_OFFLINE_PRICE, RECORDED_FLAGGED, detail, ProductView.of(product)));
                    flags.add(STALE_OFFLINE_PRICE + ": " + detail);
                }
            }
        }
        var closure = f.type() == FulfilmentType.DINE_IN ? closures.get(f.table()) : null;
        if (closure != null && closure.closedAt().isAfter(order.createdAt())) {
            var detail = "table " + f.table() + " was closed at " + closure.closedAt() + " by another "
                    + (closure.deviceId() == null ? "member of staff" : "device") + ", after this order was taken at "
                    + order.createdAt();
            conflicts.add(new Conflict(TABLE_CLOSED, RECORDED_SEPARATE_BILL, detail, closure));
            flags.add(TABLE_CLOSED + ": " + detail);
        }
        wanted.forEach((sku, quantity) -> {
            int left = stockLeft.getOrDefault(sku, 0);
            if (quantity > left) {
                conflicts.add(new Conflict(
                        STOCK_DEFICIT,
                        RECORDED_WITH_DEFICIT,
                        sku + ": " + quantity + " sold, " + Math.max(left, 0) + " available; "
                                + (quantity - Math.max(left, 0)) + " counted as deficit",
                        ProductView.of(products.get(sku))));
            }
            stockLeft.put(sku, Math.max(0, left - quantity));
        });
        return new Evaluation(List.copyOf(lines), List.of(), notes, conflicts, flags);
    }
}
