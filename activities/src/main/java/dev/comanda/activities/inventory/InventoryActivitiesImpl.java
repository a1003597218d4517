package dev.comanda.activities.inventory;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.inventory.InventoryRepository;
import dev.comanda.persistence.inventory.StockMovementKind;
import dev.comanda.persistence.inventory.StockSales;
import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.order.OrderEventStream;
import dev.comanda.persistence.order.StockLevel;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reservations as idempotent state transitions on MySQL. Each call is one transaction: a conditional
 * UPDATE of the reservation's status decides which concurrent caller applies a transition, and
 * conditional stock UPDATEs keep every column non-negative. Stock rows are always locked in SKU order.
 * A move that sells a product out or brings it back appends a stock event to the tenant's stream as
 * the transaction's last statement (its counter row is the last lock taken, and held shortest).
 */
@Component
public class InventoryActivitiesImpl implements InventoryActivities {

    private static final Logger log = LoggerFactory.getLogger(InventoryActivitiesImpl.class);
    private static final String INVALID_REQUEST = IllegalArgumentException.class.getName();
    private static final String INCONSISTENT_STOCK = IllegalStateException.class.getName();

    private final InventoryRepository repository;
    private final StockSales sales;
    private final OrderEventStream events;
    private final CatalogService catalog;
    private final TransactionTemplate transactions;
    private final InventoryProperties properties;

    InventoryActivitiesImpl(
            InventoryRepository repository,
            StockSales sales,
            OrderEventStream events,
            CatalogService catalog,
            PlatformTransactionManager transactionManager,
            InventoryProperties properties) {
        this.repository = repository;
        this.sales = sales;
        this.events = events;
        this.catalog = catalog;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    @Override
    public Reservation reserve(ReserveStock request) {
        var quantities = validate(request);
        var expiresAt = SqlTimes.micros(Instant.now().plus(request.ttl()));
        return inTransaction(() -> {
            if (!repository.insertReservation(
                    request.reservationKey(), request.tenantId(), request.orderId(), expiresAt)) {
                return existing(request.tenantId(), request.reservationKey());
            }
            var orderable = repository.orderableSkus(request.tenantId(), quantities.keySet());
            var shortSkus = new ArrayList<String>();
            quantities.forEach((sku, quantity) -> {
                if (!orderable.contains(sku) || !repository.reserveStock(request.tenantId(), sku, quantity)) {
                    shortSkus.add(sku);
                }
            });
            if (!shortSkus.isEmpty()) {
                // Thrown inside the transaction: the reservation row and every decrement roll back.
                throw ApplicationFailure.newNonRetryableFailure(
                        "not enough stock for " + String.join(", ", shortSkus), OrderContract.OUT_OF_STOCK, shortSkus);
            }
            repository.insertLines(request.reservationKey(), quantities);
            repository.recordMovements(
                    request.tenantId(), StockMovementKind.RESERVE, quantities, request.reservationKey());
            events.appendStock(request.tenantId(), repository.stockEvents(request.tenantId(), negated(quantities)));
            return new Reservation(request.reservationKey(), ReservationStatus.RESERVED, expiresAt);
        });
    }

    @Override
    public Sale sell(ReserveStock request) {
        var quantities = validate(request);
        var soldAt = SqlTimes.micros(Instant.now());
        return inTransaction(() -> {
            var key = request.reservationKey();
            if (!sales.insertSale(key, request.tenantId(), request.orderId(), soldAt)) {
                var earlier = existing(request.tenantId(), key);
                return new Sale(key, earlier.status(), sales.soldAt(key), sales.deficits(request.tenantId(), key));
            }
            var deficits = new TreeMap<String, Integer>();
            var soldOut = new ArrayList<StockLevel>();
            quantities.forEach((sku, quantity) -> {
                int available = sales.lockAvailable(request.tenantId(), sku).orElseGet(() -> firstStock(request, sku));
                int taken = Math.min(available, quantity);
                if (!sales.sell(request.tenantId(), sku, quantity, taken)) {
                    throw ApplicationFailure.newNonRetryableFailure(
                            "stock of " + sku + " changed under its lock", INCONSISTENT_STOCK);
                }
                if (taken < quantity) {
                    deficits.put(sku, quantity - taken);
                }
                // The row is locked: what was available less what was taken is what is left.
                addIfAny(soldOut, StockLevel.crossing(sku, -taken, available - taken));
            });
            repository.recordMovements(request.tenantId(), StockMovementKind.RESERVE, quantities, key);
            repository.recordMovements(request.tenantId(), StockMovementKind.COMMIT, quantities, key);
            repository.recordMovements(request.tenantId(), StockMovementKind.DEFICIT, deficits, key);
            repository.insertLines(key, quantities);
            events.appendStock(request.tenantId(), soldOut);
            return new Sale(key, ReservationStatus.COMMITTED, soldAt, deficits);
        });
    }

    /** Each product's change of available stock when its quantity is taken. */
    private static Map<String, Integer> negated(Map<String, Integer> quantities) {
        var deltas = new TreeMap<String, Integer>();
        quantities.forEach((sku, quantity) -> deltas.put(sku, -quantity));
        return deltas;
    }

    /** A product that never had stock gets an empty stock row, so what it sells is counted as deficit. */
    private int firstStock(ReserveStock request, String sku) {
        if (!sales.productExists(request.tenantId(), sku)) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "no product " + sku + " in tenant " + request.tenantId(), INVALID_REQUEST);
        }
        repository.createStock(request.tenantId(), sku, 0);
        repository.recordMovement(request.tenantId(), sku, StockMovementKind.INITIAL, 0, null);
        return 0;
    }

    @Override
    public void commit(String tenantId, String reservationKey) {
        inTransaction(() -> {
            if (move(tenantId, reservationKey, ReservationStatus.RESERVED, ReservationStatus.COMMITTED, null)) {
                return null;
            }
            var status = statusOf(tenantId, reservationKey);
            switch (status) {
                case COMMITTED -> {}
                case RELEASED, RESTOCKED ->
                    throw ApplicationFailure.newNonRetryableFailure(
                            "reservation " + reservationKey + " is " + status + ", its stock is no longer held",
                            OrderContract.RESERVATION_EXPIRED);
                default ->
                    throw ApplicationFailure.newNonRetryableFailure(
                            "no reservation " + reservationKey + " to commit", INCONSISTENT_STOCK);
            }
            return null;
        });
    }

    @Override
    public ReservationStatus release(String tenantId, String reservationKey, String reason) {
        return inTransaction(() -> {
            if (move(tenantId, reservationKey, ReservationStatus.RESERVED, ReservationStatus.RELEASED, reason)) {
                return ReservationStatus.RELEASED;
            }
            if (move(tenantId, reservationKey, ReservationStatus.COMMITTED, ReservationStatus.RESTOCKED, reason)) {
                return ReservationStatus.RESTOCKED;
            }
            return statusOf(tenantId, reservationKey);
        });
    }

    /**
     * Applies one reservation transition and its stock effect; false when another call got there first
     * or the reservation is in another state.
     */
    private boolean move(String tenantId, String key, ReservationStatus from, ReservationStatus to, String reason) {
        if (!repository.transition(tenantId, key, from, to, reason)) {
            return false;
        }
        var kind = switch (to) {
            case COMMITTED -> StockMovementKind.COMMIT;
            case RELEASED -> StockMovementKind.RELEASE;
            case RESTOCKED -> StockMovementKind.RESTOCK_CANCELLED;
            default -> throw new IllegalArgumentException("no stock effect for " + to);
        };
        var lines = repository.lines(key);
        lines.forEach((sku, quantity) -> {
            var applied = switch (kind) {
                case COMMIT -> repository.commitStock(tenantId, sku, quantity);
                case RELEASE -> repository.releaseStock(tenantId, sku, quantity);
                default -> repository.restockSold(tenantId, sku, quantity);
            };
            if (!applied) {
                // The stock row disagrees with the reservation: refuse rather than break conservation.
                throw ApplicationFailure.newNonRetryableFailure(
                        "stock of " + sku + " cannot take " + kind + " of " + quantity + " for " + key,
                        INCONSISTENT_STOCK);
            }
        });
        repository.recordMovements(tenantId, kind, lines, key);
        // A commit moves reserved to sold: what is available does not change.
        if (kind != StockMovementKind.COMMIT) {
            events.appendStock(tenantId, repository.stockEvents(tenantId, lines));
            // Stock given back: a cached figure would now be low, and placement's pre-check would refuse
            // what is there. (Reservations only lower stock; the cached figure is then high, which the
            // reservation itself guards.)
            catalog.evict(tenantId);
        }
        return true;
    }

    private static void addIfAny(List<StockLevel> events, StockLevel event) {
        if (event != null) {
            events.add(event);
        }
    }

    private Reservation existing(String tenantId, String key) {
        var stored = repository
                .findReservation(key)
                .filter(r -> r.tenantId().equals(tenantId))
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "reservation key " + key + " belongs to another tenant", INVALID_REQUEST));
        return new Reservation(stored.key(), stored.status(), stored.expiresAt());
    }

    private ReservationStatus statusOf(String tenantId, String key) {
        return repository
                .findReservation(key)
                .filter(r -> r.tenantId().equals(tenantId))
                .map(InventoryRepository.StoredReservation::status)
                .orElse(ReservationStatus.NONE);
    }

    /** Runs one transaction, again when it lost a deadlock (MySQL 1213) or a lock wait, up to the configured count. */
    private <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt > properties.deadlockRetries()) {
                    throw e;
                }
                log.debug("inventory transaction lost a lock race, attempt {}", attempt, e);
            }
        }
    }

    /** Checks the request and merges repeated SKUs, sorted so stock rows are locked in one global order. */
    private static Map<String, Integer> validate(ReserveStock request) {
        if (!OrderContract.isTenantId(request.tenantId())
                || request.reservationKey() == null
                || request.reservationKey().isBlank()
                || request.items() == null
                || request.items().isEmpty()
                || request.ttl() == null
                || request.ttl().isNegative()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "a reservation needs a tenant, a key, items and a TTL: " + request, INVALID_REQUEST);
        }
        var quantities = new TreeMap<String, Integer>();
        for (var item : request.items()) {
            if (item.sku() == null || item.quantity() <= 0) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "every item needs a SKU and a positive quantity: " + item, INVALID_REQUEST);
            }
            quantities.merge(item.sku(), item.quantity(), Math::addExact);
        }
        return quantities;
    }
}
