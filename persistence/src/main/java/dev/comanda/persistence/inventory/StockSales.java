package dev.comanda.persistence.inventory;

import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of outright sales (orders served offline): a reservation born COMMITTED, stock taken as far as
 * it goes and the rest counted in {@code stock.deficit}. Callers own the transaction and lock stock rows
 * in SKU order, like every other inventory write.
 */
@Repository
public class StockSales {

    private static final String INSERT_SALE = """
            INSERT INTO reservations (reservation_key, tenant_id, order_id, status, expires_at, created_at, updated_at)
            VALUES (:key, :tenant, :order, 'COMMITTED', :at, :at, :at)
            """;
    private static final String LOCK_STOCK = """
            SELECT available
            FROM stock
            WHERE tenant_id = :tenant
              AND sku = :sku
            FOR UPDATE
            """;
    private static final String PRODUCT_EXISTS = """
            SELECT COUNT(*)
            FROM products
            WHERE tenant_id = :tenant
              AND sku = :sku
            """;
    private static final String SELL = """
            UPDATE stock
            SET available = available - :taken, sold = sold + :q, deficit = deficit + :short,
                updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenant
              AND sku = :sku
              AND available >= :taken
            """;
    private static final String DEFICITS = """
            SELECT sku, quantity
            FROM stock_movements
            WHERE tenant_id = :tenant
              AND reference = :key
              AND kind = 'DEFICIT'
            """;
    private static final String SOLD_AT = """
            SELECT created_at
            FROM reservations
            WHERE reservation_key = :key
            """;

    private final JdbcClient jdbc;

    StockSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the COMMITTED reservation of a sale; false when the key exists (the unique key decides). */
    public boolean insertSale(String key, String tenantId, String orderId, Instant at) {
        try {
            jdbc.sql(INSERT_SALE)
                    .param("key", key)
                    .param("tenant", tenantId)
                    .param("order", orderId)
                    .param("at", SqlTimes.toSql(at))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The available stock of the product, its row locked; empty when it has no stock row. */
    public Optional<Integer> lockAvailable(String tenantId, String sku) {
        return jdbc.sql(LOCK_STOCK)
                .param("tenant", tenantId)
                .param("sku", sku)
                .query(Integer.class)
                .optional();
    }

    public boolean productExists(String tenantId, String sku) {
        return jdbc.sql(PRODUCT_EXISTS)
                        .param("tenant", tenantId)
                        .param("sku", sku)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Sells {@code quantity}: {@code taken} from available, the rest into the deficit. */
    public boolean sell(String tenantId, String sku, int quantity, int taken) {
        return jdbc.sql(SELL)
                        .param("taken", taken)
                        .param("q", quantity)
                        .param("short", quantity - taken)
                        .param("tenant", tenantId)
                        .param("sku", sku)
                        .update()
                == 1;
    }

    /** The shortfall per SKU a sale recorded. */
    public Map<String, Integer> deficits(String tenantId, String key) {
        var deficits = new TreeMap<String, Integer>();
        jdbc.sql(DEFICITS).param("tenant", tenantId).param("key", key).query(rs -> {
            deficits.put(rs.getString(1), rs.getInt(2));
        });
        return deficits;
    }

    public Instant soldAt(String key) {
        return jdbc.sql(SOLD_AT)
                .param("key", key)
                .query((rs, n) -> SqlTimes.fromSql(rs.getObject(1, java.time.LocalDateTime.class)))
                .single();
    }
}
