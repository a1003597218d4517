package dev.comanda.persistence.inventory;

import dev.comanda.inventory.ReservationStatus;
import dev.comanda.persistence.jdbc.SqlTimes;
import dev.comanda.persistence.order.StockLevel;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of stock, reservations and stock movements. Every stock change is a conditional UPDATE whose row
 * count says whether it applied, so concurrent callers never drive a column below zero. Callers own the
 * transactions; the public methods are the stock administration the catalog uses.
 */
@Repository
public class InventoryRepository {

    private static final String INSERT_RESERVATION = """
            INSERT INTO reservations (reservation_key, tenant_id, order_id, status, expires_at, created_at, updated_at)
            VALUES (:key, :tenant, :order, 'RESERVED', :expires, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """;
    private static final String FIND_RESERVATION = """
            SELECT reservation_key, tenant_id, status, expires_at
            FROM reservations
            WHERE reservation_key = :key
            """;
    private static final String ORDERABLE_SKUS = """
            SELECT sku
            FROM products
            WHERE tenant_id = :tenant
              AND sku IN (:skus)
              AND active
            """;
    private static final String RESERVE_STOCK = """
            UPDATE stock
            SET available = available - :q, reserved = reserved + :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND available >= :q
            """;
    private static final String COMMIT_STOCK = """
            UPDATE stock
            SET reserved = reserved - :q, sold = sold + :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND reserved >= :q
            """;
    private static final String RELEASE_STOCK = """
            UPDATE stock
            SET reserved = reserved - :q, available = available + :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND reserved >= :q
            """;
    private static final String RESTOCK_SOLD = """
            UPDATE stock
            SET sold = sold - :q, available = available + :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND sold >= :q
            """;
    private static final String INSERT_LINES = """
            INSERT INTO reservation_lines (reservation_key, sku, quantity)
            VALUES
            """;
    private static final String LINES = """
            SELECT sku, quantity
            FROM reservation_lines
            WHERE reservation_key = :key
            ORDER BY sku
            """;
    private static final String TRANSITION = """
            UPDATE reservations
            SET status = :to, release_reason = COALESCE(:reason, release_reason), updated_at = UTC_TIMESTAMP(6)
            WHERE reservation_key = :key
              AND tenant_id = :tenant
              AND status = :from
            """;
    private static final String EXPIRED = """
            SELECT tenant_id, reservation_key
            FROM reservations
            WHERE status = 'RESERVED'
              AND expires_at < :cutoff
            ORDER BY expires_at
            LIMIT :limit
            """;
    private static final String INSERT_MOVEMENTS = """
            INSERT INTO stock_movements (tenant_id, sku, kind, quantity, reference, created_at)
            VALUES
            """;
    private static final String CREATE_STOCK = """
            INSERT INTO stock (tenant_id, sku, available, reserved, sold, updated_at)
            VALUES (:tenant, :sku, :q, 0, 0, UTC_TIMESTAMP(6))
            """;
    private static final String ADD_AVAILABLE = """
            UPDATE stock
            SET available = available + :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
            """;
    private static final String REMOVE_AVAILABLE = """
            UPDATE stock
            SET available = available - :q, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND available >= :q
            """;

    private static final String AVAILABLE = """
            SELECT sku, available
            FROM stock
            WHERE tenant_id = :tenant
              AND sku IN (:skus)
            """;

    private final JdbcClient jdbc;

    InventoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored reservation's identity and state. */
    public record StoredReservation(String key, String tenantId, ReservationStatus status, Instant expiresAt) {}

    public record ReservationRef(String tenantId, String key) {}

    /** Inserts a RESERVED reservation; false when the key exists (the unique key decides, not a read). */
    public boolean insertReservation(String key, String tenantId, String orderId, Instant expiresAt) {
        try {
            jdbc.sql(INSERT_RESERVATION)
                    .param("key", key)
                    .param("tenant", tenantId)
                    .param("order", orderId)
                    .param("expires", SqlTimes.toSql(expiresAt))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<StoredReservation> findReservation(String key) {
        return jdbc.sql(FIND_RESERVATION)
                .param("key", key)
                .query((rs, n) -> new StoredReservation(
                        rs.getString(1),
                        rs.getString(2),
                        ReservationStatus.valueOf(rs.getString(3)),
                        SqlTimes.fromSql(rs.getObject(4, LocalDateTime.class))))
                .optional();
    }

    /** The SKUs among {@code skus} that exist and are active for the tenant. */
    public Set<String> orderableSkus(String tenantId, Collection<String> skus) {
        return new HashSet<>(jdbc.sql(ORDERABLE_SKUS)
                .param("tenant", tenantId)
                .param("skus", List.copyOf(skus))
                .query(String.class)
                .list());
    }

    public boolean reserveStock(String tenantId, String sku, int quantity) {
        return stockUpdate(RESERVE_STOCK, tenantId, sku, quantity);
    }

    public boolean commitStock(String tenantId, String sku, int quantity) {
        return stockUpdate(COMMIT_STOCK, tenantId, sku, quantity);
    }

    public boolean releaseStock(String tenantId, String sku, int quantity) {
        return stockUpdate(RELEASE_STOCK, tenantId, sku, quantity);
    }

    public boolean restockSold(String tenantId, String sku, int quantity) {
        return stockUpdate(RESTOCK_SOLD, tenantId, sku, quantity);
    }

    /** A reservation's lines, in one statement. */
    public void insertLines(String key, Map<String, Integer> quantities) {
        if (!quantities.isEmpty()) {
            perSku(INSERT_LINES, "(:key, :sku%1$d, :q%1$d)", quantities)
                    .param("key", key)
                    .update();
        }
    }

    /** Lines sorted by SKU: every transaction locks stock rows in this order, so they cannot deadlock each other. */
    public Map<String, Integer> lines(String key) {
        var lines = new TreeMap<String, Integer>();
        jdbc.sql(LINES).param("key", key).query(rs -> {
            lines.put(rs.getString(1), rs.getInt(2));
        });
        return lines;
    }

    /** Moves a reservation from one state to another; false when it was not in {@code from}. */
    public boolean transition(
            String tenantId, String key, ReservationStatus from, ReservationStatus to, String releaseReason) {
        return jdbc.sql(TRANSITION)
                        .param("to", to.name())
                        .param("reason", releaseReason)
                        .param("key", key)
                        .param("tenant", tenantId)
                        .param("from", from.name())
                        .update()
                == 1;
    }

    /** RESERVED reservations that expired before {@code cutoff}, oldest first. */
    public List<ReservationRef> expiredReservations(Instant cutoff, int limit) {
        return jdbc.sql(EXPIRED)
                .param("cutoff", SqlTimes.toSql(cutoff))
                .param("limit", limit)
                .query((rs, n) -> new ReservationRef(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Writes the audit row of a stock change; a repeated (reference, sku, kind) throws DuplicateKeyException. */
    public void recordMovement(String tenantId, String sku, StockMovementKind kind, int quantity, String reference) {
        recordMovements(tenantId, kind, Map.of(sku, quantity), reference);
    }

    /**
     * The audit rows of one change of several products' stock (quantity by SKU), in one statement; a
     * repeated (reference, sku, kind) throws DuplicateKeyException and writes none of them.
     */
    public void recordMovements(
            String tenantId, StockMovementKind kind, Map<String, Integer> quantities, String reference) {
        if (quantities.isEmpty()) {
            return;
        }
        perSku(INSERT_MOVEMENTS, "(:tenant, :sku%1$d, :kind, :q%1$d, :reference, UTC_TIMESTAMP(6))", quantities)
                .param("tenant", tenantId)
                .param("kind", kind.name())
                .param("reference", reference)
                .update();
    }

    /** Creates the stock row of a product with its initial quantity; false when the product already has one. */
    public boolean createStock(String tenantId, String sku, int initial) {
        try {
            jdbc.sql(CREATE_STOCK)
                    .param("tenant", tenantId)
                    .param("sku", sku)
                    .param("q", initial)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Adds to available stock; false when the product has no stock row. */
    public boolean addAvailable(String tenantId, String sku, int quantity) {
        return stockUpdate(ADD_AVAILABLE, tenantId, sku, quantity);
    }

    /** Takes from available stock; false when less than {@code quantity} is available. */
    public boolean removeAvailable(String tenantId, String sku, int quantity) {
        return stockUpdate(REMOVE_AVAILABLE, tenantId, sku, quantity);
    }

    /**
     * The stock event a move of {@code delta} on the product's available stock has just caused (sold
     * out, back in stock), or null. Read in the move's transaction, whose UPDATE holds the row's lock,
     * so no other move can have changed it in between.
     */
    public StockLevel stockEvent(String tenantId, String sku, int delta) {
        var events = stockEvents(tenantId, Map.of(sku, delta));
        return events.isEmpty() ? null : events.getFirst();
    }

    /**
     * The same for a change of several products' available stock at once (delta by SKU), read in one
     * statement: the events it caused, in SKU order.
     */
    public List<StockLevel> stockEvents(String tenantId, Map<String, Integer> deltas) {
        var moved = new TreeMap<String, Integer>();
        deltas.forEach((sku, delta) -> {
            if (delta != 0) {
                moved.put(sku, delta);
            }
        });
        if (moved.isEmpty()) {
            return List.of();
        }
        var after = new HashMap<String, Integer>();
        jdbc.sql(AVAILABLE)
                .param("tenant", tenantId)
                .param("skus", moved.keySet())
                .query(rs -> {
                    after.put(rs.getString(1), rs.getInt(2));
                });
        var events = new ArrayList<StockLevel>();
        moved.forEach((sku, delta) -> {
            var available = after.get(sku);
            if (available == null) {
                throw new IllegalStateException("no stock row for " + sku + " of tenant " + tenantId);
            }
            var event = StockLevel.crossing(sku, delta, available);
            if (event != null) {
                events.add(event);
            }
        });
        return events;
    }

    /**
     * {@code insert} with one VALUES {@code row} per SKU (the row's {@code :sku%1$d} and {@code :q%1$d} numbered
     * by its index), each SKU and its quantity bound: a multi-row INSERT, one round trip for every line.
     */
    private JdbcClient.StatementSpec perSku(String insert, String row, Map<String, Integer> quantities) {
        var values = new StringJoiner(",\n");
        for (int i = 0; i < quantities.size(); i++) {
            values.add(row.formatted(i));
        }
        var statement = jdbc.sql(insert + values);
        var i = 0;
        for (var line : quantities.entrySet()) {
            statement = statement.param("sku" + i, line.getKey()).param("q" + i, line.getValue());
            i++;
        }
        return statement;
    }

    private boolean stockUpdate(String sql, String tenantId, String sku, int quantity) {
        return jdbc.sql(sql)
                        .param("q", quantity)
                        .param("tenant", tenantId)
                        .param("sku", sku)
                        .update()
                == 1;
    }
}
