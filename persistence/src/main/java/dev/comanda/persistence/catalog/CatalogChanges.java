package dev.comanda.persistence.catalog;

import dev.comanda.order.Money;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog's change numbering, read by the POS delta pull. Every product or admin stock change
 * stamps the product with the tenant's next catalog number, bumped on a counter row that stays locked
 * until the change commits (the technique of the order event stream, V3__order_event_stream.sql), so a
 * reader that sees number n has every change numbered n or less. The numbering is of states, not of
 * changes: a product changed twice shows once, with its latest state and number.
 */
@Repository
public class CatalogChanges {

    private static final String BUMP = """
            INSERT INTO catalog_counters (tenant_id, last_seq)
            VALUES (:tenantId, 1)
            ON DUPLICATE KEY UPDATE last_seq = last_seq + 1
            """;
    private static final String STAMP = """
            UPDATE products
            SET catalog_seq = (SELECT last_seq FROM catalog_counters WHERE tenant_id = :tenantId)
            WHERE tenant_id = :tenantId
              AND sku = :sku
            """;
    private static final String LAST = """
            SELECT last_seq
            FROM catalog_counters
            WHERE tenant_id = :tenantId
            """;
    private static final String CHANGED = """
            SELECT p.sku, p.name, p.price_cents, p.currency, p.active, p.catalog_seq,
                   COALESCE(s.available, 0) AS available, COALESCE(s.deficit, 0) AS deficit
            FROM products p
            LEFT JOIN stock s ON s.tenant_id = p.tenant_id AND s.sku = p.sku
            WHERE p.tenant_id = :tenantId
              AND p.catalog_seq > :after
              AND p.catalog_seq <= :upTo
            ORDER BY p.catalog_seq
            LIMIT :limit
            """;
    private static final String STOCK_OF = """
            SELECT p.sku, p.name, p.price_cents, p.currency, p.active, p.catalog_seq,
                   COALESCE(s.available, 0) AS available, COALESCE(s.deficit, 0) AS deficit
            FROM products p
            LEFT JOIN stock s ON s.tenant_id = p.tenant_id AND s.sku = p.sku
            WHERE p.tenant_id = :tenantId
              AND p.sku IN (:skus)
            ORDER BY p.sku
            """;

    private final JdbcClient jdbc;

    CatalogChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A product as the pull shows it: {@code active = false} is its tombstone. */
    public record ProductState(
            String sku, String name, Money price, boolean active, long catalogSeq, int available, int deficit) {}

    /** Numbers the change of one product; the last statement of the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void stamp(String tenantId, String sku) {
        jdbc.sql(BUMP).param("tenantId", tenantId).update();
        jdbc.sql(STAMP).param("tenantId", tenantId).param("sku", sku).update();
    }

    /** The tenant's last committed catalog number; 0 before its first change. */
    @Transactional(readOnly = true)
    public long lastSeq(String tenantId) {
        return jdbc.sql(LAST)
                .param("tenantId", tenantId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Up to {@code limit} products whose last change is numbered in ({@code after}, {@code upTo}], in order. */
    @Transactional(readOnly = true)
    public List<ProductState> between(String tenantId, long after, long upTo, int limit) {
        return jdbc.sql(CHANGED)
                .param("tenantId", tenantId)
                .param("after", after)
                .param("upTo", upTo)
                .param("limit", limit)
                .query((rs, n) -> state(rs))
                .list();
    }

    /** The current state of the named products (stock moved by orders is not numbered: it is read fresh). */
    @Transactional(readOnly = true)
    public List<ProductState> current(String tenantId, List<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(STOCK_OF)
                .param("tenantId", tenantId)
                .param("skus", skus)
                .query((rs, n) -> state(rs))
                .list();
    }

    private static ProductState state(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ProductState(
                rs.getString("sku"),
                rs.getString("name"),
                new Money(rs.getLong("price_cents"), rs.getString("currency")),
                rs.getBoolean("active"),
                rs.getLong("catalog_seq"),
                rs.getInt("available"),
                rs.getInt("deficit"));
    }
}
