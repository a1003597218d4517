package dev.comanda.activities.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.persistence.inventory.StockConservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Outright sales of orders served offline: stock taken as far as it goes, the rest a counted deficit. */
class StockSalesTests extends ActivityTestSupport {

    @Autowired
    InventoryActivitiesImpl inventory;

    @Autowired
    StockConservation conservation;

    @Test
    void aSaleBeyondStockOnHandCountsTheShortfallAsDeficitAndKeepsStockConserved() {
        var tenant = newTenant();
        product(tenant, "wine", 9_000, 2);

        var sale = inventory.sell(InventoryActivitiesTests.request(
                tenant, InventoryActivitiesTests.orderId(), List.of(new Item("wine", 5))));

        assertThat(sale.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(sale.deficits()).isEqualTo(Map.of("wine", 3));
        assertThat(stock(tenant, "wine")).containsExactly(0, 0, 5);
        assertThat(deficit(tenant, "wine")).isEqualTo(3);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void aRepeatedSaleReturnsTheFirstAndTakesNothingMore() {
        var tenant = newTenant();
        product(tenant, "beer", 1_200, 10);
        var request = InventoryActivitiesTests.request(
                tenant, InventoryActivitiesTests.orderId(), List.of(new Item("beer", 12)));

        var first = inventory.sell(request);
        var again = inventory.sell(request);

        assertThat(again.deficits()).isEqualTo(first.deficits()).isEqualTo(Map.of("beer", 2));
        assertThat(stock(tenant, "beer")).containsExactly(0, 0, 12);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void aCancelledSaleIsRestockedAndStockStaysConserved() {
        var tenant = newTenant();
        product(tenant, "cake", 3_000, 1);
        var sale = inventory.sell(InventoryActivitiesTests.request(
                tenant, InventoryActivitiesTests.orderId(), List.of(new Item("cake", 2))));

        var left = inventory.release(tenant, sale.reservationKey(), "cancelled at the counter");

        assertThat(left).isEqualTo(ReservationStatus.RESTOCKED);
        assertThat(stock(tenant, "cake")).containsExactly(2, 0, 0);
        assertThat(deficit(tenant, "cake")).isEqualTo(1);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void aDeficitWithoutItsMovementIsAViolation() {
        var tenant = newTenant();
        product(tenant, "soup", 1_500, 4);

        jdbc.sql("UPDATE stock SET deficit = 1, sold = sold + 1 WHERE tenant_id = ?")
                .params(tenant)
                .update();

        assertThat(conservation.check(tenant))
                .extracting(StockConservation.Violation::problem)
                .anySatisfy(p -> assertThat(p).startsWith("DEFICIT movements sum to 0"));
    }

    private int deficit(String tenant, String sku) {
        return jdbc.sql("SELECT deficit FROM stock WHERE tenant_id = ? AND sku = ?")
                .params(tenant, sku)
                .query(Integer.class)
                .single();
    }
}
