package dev.comanda.persistence.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.order.Money;
import dev.comanda.testing.DataTestSupport;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;

class CatalogServiceTests extends DataTestSupport {

    @Autowired
    CatalogService catalog;

    @Autowired
    RedissonClient redisson;

    @AfterAll
    static void deleteKeys(@Autowired RedissonClient redisson) {
        redisson.getKeys().deleteByPattern(KEY_PREFIX + "*");
    }

    @Test
    void catalogIsServedFromTheCacheUntilARestockEvictsIt() {
        var tenant = newTenant();
        product(tenant, "burger", 2500, 10);
        assertThat(catalog.products(tenant))
                .extracting(CatalogProduct::available)
                .containsExactly(10);
        assertThat(redisson.getBucket(catalog.cacheKey(tenant)).isExists()).isTrue();

        // Behind the cache's back: a cache hit still shows the old name.
        jdbc.sql("UPDATE products SET name = 'Renamed' WHERE tenant_id = ?")
                .params(tenant)
                .update();
        assertThat(catalog.products(tenant)).extracting(CatalogProduct::name).containsExactly("Product burger");

        productAdmin.restock(tenant, "burger", 5, null);

        assertThat(catalog.products(tenant)).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Renamed");
            assertThat(p.available()).isEqualTo(15);
        });
    }

    @Test
    void theMenuShowsStockAsItIsNowWhileTheCacheIsWarm() {
        var tenant = newTenant();
        product(tenant, "soup", 1500, 3);
        assertThat(catalog.menu(tenant)).extracting(CatalogProduct::available).containsExactly(3);

        // Stock sold out by orders does not evict the cache: the cached figure is stale...
        jdbc.sql("UPDATE stock SET available = 0, sold = 3 WHERE tenant_id = ? AND sku = 'soup'")
                .params(tenant)
                .update();
        assertThat(catalog.products(tenant))
                .extracting(CatalogProduct::available)
                .containsExactly(3);
        // ...but what customers see is read fresh.
        assertThat(catalog.menu(tenant)).singleElement().satisfies(p -> {
            assertThat(p.available()).isZero();
            assertThat(p.price()).isEqualTo(new Money(1500, "BRL"));
        });
    }

    @Test
    void priceChangeEvictsTheCache() {
        var tenant = newTenant();
        product(tenant, "pizza", 4000, 10);
        assertThat(catalog.findForOrder(tenant, List.of("pizza")).get("pizza").price())
                .isEqualTo(new Money(4000, "BRL"));

        productAdmin.update(tenant, "pizza", "Pizza", new Money(4500, "BRL"));

        assertThat(catalog.findForOrder(tenant, List.of("pizza")).get("pizza").price())
                .isEqualTo(new Money(4500, "BRL"));
    }

    @Test
    void findForOrderLeavesOutInactiveUnknownAndOtherTenantsProducts() {
        var tenant = newTenant();
        var other = newTenant();
        product(tenant, "on", 100, 1);
        product(tenant, "off", 100, 1);
        product(other, "theirs", 100, 1);
        productAdmin.deactivate(tenant, "off");

        assertThat(catalog.findForOrder(tenant, List.of("on", "off", "theirs", "unknown")))
                .containsOnlyKeys("on");
    }

    @Test
    void restockWithTheSameReferenceAppliesOnce() {
        var tenant = newTenant();
        product(tenant, "fries", 900, 10);

        assertThat(productAdmin.restock(tenant, "fries", 5, "delivery-42")).isTrue();
        assertThat(productAdmin.restock(tenant, "fries", 5, "delivery-42")).isFalse();

        assertThat(stock(tenant, "fries")).containsExactly(15, 0, 0);
        assertThat(movements(tenant, "RESTOCK")).isOne();
    }

    @Test
    void adjustmentBelowWhatIsAvailableIsRefusedAndLeavesNoMovement() {
        var tenant = newTenant();
        product(tenant, "soda", 500, 3);

        assertThatThrownBy(() -> productAdmin.adjust(tenant, "soda", -4, null))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(stock(tenant, "soda")).containsExactly(3, 0, 0);
        assertThat(movements(tenant, "ADJUSTMENT")).isZero();
    }
}
