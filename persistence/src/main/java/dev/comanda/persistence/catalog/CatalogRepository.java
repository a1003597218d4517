package dev.comanda.persistence.catalog;

import dev.comanda.order.Money;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL of products; stock changes go through the inventory repository so they leave movements. */
@Repository
class CatalogRepository {

    private static final String PRODUCTS = """
            SELECT p.sku, p.name, p.price_cents, p.currency, p.active, COALESCE(s.available, 0) AS available
            FROM products p
            LEFT JOIN stock s ON s.tenant_id = p.tenant_id AND s.sku = p.sku
            WHERE p.tenant_id = :tenantId
            ORDER BY p.sku
            """;
    private static final String AVAILABLE = """
            SELECT sku, available
            FROM stock
            WHERE tenant_id = :tenantId
            """;
    private static final String INSERT = """
            INSERT INTO products (tenant_id, sku, name, price_cents, currency, active, updated_at)
            VALUES (:tenantId, :sku, :name, :priceCents, :currency, TRUE, UTC_TIMESTAMP(6))
            """;
    private static final String UPDATE = """
            UPDATE products
            SET name = :name, price_cents = :priceCents, currency = :currency, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND sku = :sku
            """;
    private static final String SET_ACTIVE = """
            UPDATE products
            SET active = :active, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = :tenantId
              AND sku = :sku
            """;

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<CatalogProduct> products(String tenantId) {
        return jdbc.sql(PRODUCTS)
                .param("tenantId", tenantId)
                .query((rs, n) -> new CatalogProduct(
                        rs.getString("sku"),
                        rs.getString("name"),
                        new Money(rs.getLong("price_cents"), rs.getString("currency")),
                        rs.getBoolean("active"),
                        rs.getInt("available")))
                .list();
    }

    /** Available stock by SKU, as it is now: one indexed read of the tenant's stock rows. */
    @Transactional(readOnly = true)
    Map<String, Integer> available(String tenantId) {
        var available = new HashMap<String, Integer>();
        jdbc.sql(AVAILABLE).param("tenantId", tenantId).query(rs -> {
            available.put(rs.getString("sku"), rs.getInt("available"));
        });
        return available;
    }

    /** False when the tenant already has the SKU. */
    boolean insert(String tenantId, String sku, String name, Money price) {
        try {
            jdbc.sql(INSERT)
                    .param("tenantId", tenantId)
                    .param("sku", sku)
                    .param("name", name)
                    .param("priceCents", price.cents())
                    .param("currency", price.currency())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean update(String tenantId, String sku, String name, Money price) {
        return jdbc.sql(UPDATE)
                        .param("name", name)
                        .param("priceCents", price.cents())
                        .param("currency", price.currency())
                        .param("tenantId", tenantId)
                        .param("sku", sku)
                        .update()
                == 1;
    }

    boolean setActive(String tenantId, String sku, boolean active) {
        return jdbc.sql(SET_ACTIVE)
                        .param("active", active)
                        .param("tenantId", tenantId)
                        .param("sku", sku)
                        .update()
                == 1;
    }
}
