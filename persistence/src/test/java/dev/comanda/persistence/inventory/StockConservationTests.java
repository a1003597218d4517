package dev.comanda.persistence.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.DataTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StockConservationTests extends DataTestSupport {

    @Autowired
    StockConservation conservation;

    @Test
    void restocksAndAdjustmentsKeepStockConserved() {
        var tenant = newTenant();
        product(tenant, "bread", 300, 10);
        productAdmin.restock(tenant, "bread", 5, null);
        productAdmin.adjust(tenant, "bread", -2, null);

        assertThat(stock(tenant, "bread")).containsExactly(13, 0, 0);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void stockChangedWithoutAMovementIsAViolation() {
        var tenant = newTenant();
        product(tenant, "milk", 300, 10);

        jdbc.sql("UPDATE stock SET available = available + 1 WHERE tenant_id = ?")
                .params(tenant)
                .update();

        assertThat(conservation.check(tenant)).singleElement().satisfies(v -> {
            assertThat(v.sku()).isEqualTo("milk");
            assertThat(v.problem()).contains("initial + restocks + adjustments = 10");
        });
    }

    @Test
    void reservedStockWithoutAReservationIsAViolation() {
        var tenant = newTenant();
        product(tenant, "eggs", 300, 10);

        jdbc.sql("UPDATE stock SET available = available - 1, reserved = reserved + 1 WHERE tenant_id = ?")
                .params(tenant)
                .update();

        assertThat(conservation.check(tenant))
                .extracting(StockConservation.Violation::problem)
                .anySatisfy(p -> assertThat(p).startsWith("reservations hold reserved 0"))
                .anySatisfy(p -> assertThat(p).startsWith("movements give reserved 0"));
    }
}
