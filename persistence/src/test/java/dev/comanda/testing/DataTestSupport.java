package dev.comanda.testing;

import dev.comanda.order.Money;
import dev.comanda.persistence.catalog.ProductAdmin;
import dev.comanda.persistence.tenant.TenantRepository;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the data suites: one Spring context (and so one database) shared by every suite of the
 * run, each test working in a tenant of its own so tests never see each other's rows.
 */
@SpringBootTest(classes = DataTestApplication.class)
public abstract class DataTestSupport {

    /** Redis keys of this run; the catalog suite deletes them at its end. */
    protected static final String KEY_PREFIX = "comanda-test:" + TestRedis.keyPrefix();

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TenantRepository tenants;

    @Autowired
    protected ProductAdmin productAdmin;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("comanda.redis.url", TestRedis::url);
        registry.add("comanda.catalog.cache.key-prefix", () -> KEY_PREFIX);
        registry.add("comanda.events.topic-prefix", () -> KEY_PREFIX + "events:");
    }

    /** A new tenant with a random slug. */
    protected String newTenant() {
        var id = "t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        tenants.create(id, "Test " + id, "BRL");
        return id;
    }

    /** An active product priced {@code cents} with {@code stock} units available. */
    protected void product(String tenantId, String sku, long cents, int stock) {
        productAdmin.create(tenantId, sku, "Product " + sku, new Money(cents, "BRL"));
        productAdmin.setInitialStock(tenantId, sku, stock);
    }

    /** available, reserved and sold of a product, in that order. */
    protected int[] stock(String tenantId, String sku) {
        return jdbc.sql("SELECT available, reserved, sold FROM stock WHERE tenant_id = ? AND sku = ?")
                .params(tenantId, sku)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                .single();
    }

    protected long movements(String tenantId, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ? AND kind = ?")
                .params(tenantId, kind)
                .query(Long.class)
                .single();
    }
}
