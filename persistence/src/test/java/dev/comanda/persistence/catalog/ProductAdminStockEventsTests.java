package dev.comanda.persistence.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.comanda.persistence.order.OrderEvent;
import dev.comanda.persistence.order.OrderEventLog;
import dev.comanda.persistence.order.StockLevel;
import dev.comanda.persistence.order.StockLevel.Step;
import dev.comanda.testing.DataTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stock administration in the tenant's event stream: a restock or adjustment that brings a product
 * back or sells it out appends its stock event in the same transaction; others append nothing, and
 * the menu shows every one of them at once.
 */
class ProductAdminStockEventsTests extends DataTestSupport {

    @Autowired
    OrderEventLog log;

    @Autowired
    CatalogService catalog;

    @Test
    void anAdjustmentToZeroAppendsSoldOutAndARestockAppendsBackInStock() {
        var tenant = newTenant();
        product(tenant, "soup", 1_500, 3);

        productAdmin.adjust(tenant, "soup", -3, "count-1");
        productAdmin.restock(tenant, "soup", 5, "delivery-1");

        assertThat(events(tenant))
                .extracting(OrderEvent::seq, OrderEvent::stock)
                .containsExactly(
                        tuple(1L, new StockLevel("soup", Step.SOLD_OUT, 0)),
                        tuple(2L, new StockLevel("soup", Step.BACK_IN_STOCK, 5)));
        assertThat(log.lastSeq(tenant)).isEqualTo(2);
    }

    @Test
    void movesThatLeaveAProductOrderableAppendNothing() {
        var tenant = newTenant();
        product(tenant, "bread", 500, 3);

        productAdmin.restock(tenant, "bread", 2, null);
        productAdmin.adjust(tenant, "bread", -4, null);
        productAdmin.adjust(tenant, "bread", 1, null);

        assertThat(events(tenant)).isEmpty();
        assertThat(stock(tenant, "bread")[0]).isEqualTo(2);
    }

    @Test
    void aRepeatedRestockAppendsItsEventOnce() {
        var tenant = newTenant();
        product(tenant, "jam", 700, 0);

        assertThat(productAdmin.restock(tenant, "jam", 4, "delivery-7")).isTrue();
        assertThat(productAdmin.restock(tenant, "jam", 4, "delivery-7")).isFalse();

        assertThat(events(tenant)).extracting(OrderEvent::step).containsExactly("BACK_IN_STOCK");
    }

    @Test
    void aRefusedAdjustmentAppendsNothing() {
        var tenant = newTenant();
        product(tenant, "tea", 300, 1);

        assertThatThrownBy(() -> productAdmin.adjust(tenant, "tea", -2, null))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(events(tenant)).isEmpty();
        assertThat(log.lastSeq(tenant)).isZero();
    }

    @Test
    void theMenuShowsEveryAdministrativeMoveAtOnce() {
        var tenant = newTenant();
        product(tenant, "cake", 2_000, 2);
        assertThat(available(tenant)).isEqualTo(2);

        productAdmin.adjust(tenant, "cake", -2, null);
        assertThat(available(tenant)).isZero();
        productAdmin.restock(tenant, "cake", 3, null);
        assertThat(available(tenant)).isEqualTo(3);
    }

    private int available(String tenant) {
        return catalog.menu(tenant).getFirst().available();
    }

    private List<OrderEvent> events(String tenant) {
        return log.between(tenant, 0, Long.MAX_VALUE, null, 100);
    }
}
