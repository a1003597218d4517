package dev.comanda.api.sync;

import dev.comanda.api.error.ApiException;
import dev.comanda.persistence.catalog.CatalogChanges;
import dev.comanda.persistence.catalog.CatalogChanges.ProductState;
import dev.comanda.persistence.order.OrderEventLog;
import dev.comanda.persistence.pos.PosOrderViews;
import dev.comanda.persistence.pos.PosOrderViews.PosOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The delta pull and the snapshot. A page holds the tenant's order events after the cursor in commit
 * order, the current view of each order they touch, and the products whose catalog number is after the
 * cursor (inactive ones as tombstones) together with fresh stock of every product those orders hold.
 * Both streams are read up to the counters read first, so the page is a prefix of each and the next
 * cursor never skips a change that commits later.
 */
@Service
class SyncChanges {

    private final OrderEventLog events;
    private final CatalogChanges catalog;
    private final PosOrderViews orders;
    private final PosSyncProperties properties;
    private final Clock clock;

    SyncChanges(
            OrderEventLog events,
            CatalogChanges catalog,
            PosOrderViews orders,
            PosSyncProperties properties,
            Clock clock) {
        this.events = events;
        this.catalog = catalog;
        this.orders = orders;
        this.properties = properties;
        this.clock = clock;
    }

    /** One order event: a status change or a step of the order (stock, payment, flags). */
    record EventView(long seq, String orderId, int orderSeq, String step, String status, Instant at, String detail) {}

    /** A product's current state; {@code tombstone} when it is off sale. */
    record ProductView(
            String sku,
            String name,
            long priceCents,
            String currency,
            boolean active,
            boolean tombstone,
            int available,
            int deficit,
            long catalogSeq) {

        static ProductView of(ProductState p) {
            return new ProductView(
                    p.sku(),
                    p.name(),
                    p.price().cents(),
                    p.price().currency(),
                    p.active(),
                    !p.active(),
                    p.available(),
                    p.deficit(),
                    p.catalogSeq());
        }
    }

    record Page(
            String cursor,
            boolean hasMore,
            List<EventView> events,
            List<PosOrder> orders,
            List<ProductView> products) {}

    /** Thrown when the cursor cannot be served; the device resyncs from the snapshot. */
    static final class CursorGone extends RuntimeException {
        CursorGone(String message) {
            super(message);
        }
    }

    Page since(String tenantId, String sinceText, Integer limitParameter) {
        int limit = limitParameter == null ? properties.defaultLimit() : limitParameter;
        if (limit < 1 || limit > properties.maxLimit()) {
            throw ApiException.badParameter("limit", "must be between 1 and " + properties.maxLimit());
        }
        // An empty since never arrives (QueryParameters); a blank one is no cursor, like any other text.
        var since = sinceText == null
                ? SyncCursor.START
                : SyncCursor.decode(tenantId, sinceText)
                        .orElseThrow(() -> ApiException.badParameter(
                                "since", "is not a cursor of this tenant; pull without since, or from a snapshot"));
        long eventTop = events.lastSeq(tenantId);
        long catalogTop = catalog.lastSeq(tenantId);
        if (since.events() > eventTop || since.catalog() > catalogTop) {
            throw new CursorGone("the cursor is ahead of the server's streams (restored from a backup?)");
        }
        if (eventTop - since.events() > properties.maxLag()) {
            throw new CursorGone("the cursor is " + (eventTop - since.events()) + " events behind; at most "
                    + properties.maxLag() + " are served");
        }
        var eventPage = events.between(tenantId, since.events(), eventTop, null, limit);
        var productPage = catalog.between(tenantId, since.catalog(), catalogTop, limit);
        long eventsReached =
                eventPage.size() < limit ? eventTop : eventPage.getLast().seq();
        long catalogReached =
                productPage.size() < limit ? catalogTop : productPage.getLast().catalogSeq();
        var orderIds = new LinkedHashSet<String>();
        // Some events belong to no order (a table closed with no order of its own): nothing to look up.
        eventPage.stream()
                .map(e -> e.orderId())
                .filter(java.util.Objects::nonNull)
                .forEach(orderIds::add);
        var touched = orders.byIds(tenantId, orderIds);
        var products = new LinkedHashMap<String, ProductView>();
        productPage.forEach(p -> products.put(p.sku(), ProductView.of(p)));
        var stockSkus = touched.stream()
                .flatMap(o -> o.lines().stream().map(PosOrderViews.PosLine::sku))
                .distinct()
                .toList();
        catalog.current(tenantId, stockSkus).forEach(p -> products.put(p.sku(), ProductView.of(p)));
        return new Page(
                new SyncCursor(eventsReached, catalogReached).encode(tenantId),
                eventPage.size() == limit || productPage.size() == limit,
                eventPage.stream()
                        .map(e -> new EventView(
                                e.seq(),
                                e.orderId(),
                                e.orderSeq(),
                                e.step(),
                                // An event of no order (a table closed) has no status.
                                e.status() == null ? null : e.status().name(),
                                e.at(),
                                e.detail()))
                        .toList(),
                touched,
                List.copyOf(products.values()));
    }

    /**
     * The whole catalog and the orders a POS shows (open ones, and those changed within the snapshot
     * window), with the cursor to pull from afterwards. The cursor is read first: what changes while the
     * snapshot is read comes again in the next pull, and applying it twice changes nothing.
     */
    Page snapshot(String tenantId) {
        var cursor = new SyncCursor(events.lastSeq(tenantId), catalog.lastSeq(tenantId));
        var products = new ArrayList<ProductView>();
        catalog.between(tenantId, -1, cursor.catalog(), Integer.MAX_VALUE)
                .forEach(p -> products.add(ProductView.of(p)));
        var open = orders.openOrRecent(
                tenantId, clock.instant().minus(properties.snapshotWindow()), properties.snapshotMaxOrders());
        return new Page(cursor.encode(tenantId), false, List.of(), open, products);
    }
}
