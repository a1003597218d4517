package dev.comanda.persistence.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.Money;
import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CatalogChangesTests extends DataTestSupport {

    @Autowired
    CatalogChanges changes;

    @Test
    void eachProductChangeTakesTheNextNumberAndThePullSeesTheLatestState() {
        var tenant = newTenant();
        product(tenant, "pizza", 4_000, 10);
        product(tenant, "soda", 800, 10);
        long before = changes.lastSeq(tenant);

        productAdmin.update(tenant, "pizza", "Pizza", new Money(4_500, "BRL"));
        productAdmin.deactivate(tenant, "soda");

        assertThat(changes.lastSeq(tenant)).isEqualTo(before + 2);
        assertThat(changes.between(tenant, before, changes.lastSeq(tenant), 10))
                .extracting(
                        CatalogChanges.ProductState::sku, p -> p.price().cents(), CatalogChanges.ProductState::active)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pizza", 4_500L, true),
                        org.assertj.core.groups.Tuple.tuple("soda", 800L, false));
    }

    @Test
    void aChangeThatAppliesNothingTakesNoNumber() {
        var tenant = newTenant();
        long before = changes.lastSeq(tenant);

        productAdmin.deactivate(tenant, "missing");

        assertThat(changes.lastSeq(tenant)).isEqualTo(before);
    }
}
