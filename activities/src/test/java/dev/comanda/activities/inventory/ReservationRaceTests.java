package dev.comanda.activities.inventory;

import static dev.comanda.activities.inventory.InventoryActivitiesTests.orderId;
import static dev.comanda.activities.inventory.InventoryActivitiesTests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.inventory.StockConservation;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReservationRaceTests extends ActivityTestSupport {

    private static final int ORDERS = 40;

    @Autowired
    InventoryActivitiesImpl inventory;

    @Autowired
    StockConservation conservation;

    @Test
    void commitRacingReleaseAlwaysEndsWithTheStockBack() throws Exception {
        var tenant = newTenant();
        product(tenant, "a", 100, ORDERS);
        product(tenant, "b", 100, ORDERS);
        var keys = new ArrayList<String>();
        for (int i = 0; i < ORDERS; i++) {
            // Lines in both orders: the sorted locking must keep these transactions deadlock-free.
            var items = i % 2 == 0
                    ? List.of(new Item("a", 1), new Item("b", 1))
                    : List.of(new Item("b", 1), new Item("a", 1));
            keys.add(inventory.reserve(request(tenant, orderId(), items)).reservationKey());
        }
        var tasks = new ArrayList<Callable<String>>();
        for (var key : keys) {
            tasks.add(() -> {
                try {
                    inventory.commit(tenant, key);
                    return "COMMITTED";
                } catch (ApplicationFailure e) {
                    return e.getType();
                }
            });
            tasks.add(() -> inventory.release(tenant, key, "cancelled").name());
        }
        var outcomes = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> future : pool.invokeAll(tasks)) {
                outcomes.add(future.get());
            }
        }

        // Either the commit won (then the release restocked) or the release won (then the commit expired).
        // (Which wins each race is the scheduler's to say: every commit may win, or every release.)
        assertThat(outcomes).isSubsetOf("COMMITTED", "RESTOCKED", "RELEASED", OrderContract.RESERVATION_EXPIRED);
        assertThat(outcomes).hasSize(2 * ORDERS);
        assertThat(outcomes.stream().filter("COMMITTED"::equals).count())
                .isEqualTo(outcomes.stream().filter("RESTOCKED"::equals).count());
        assertThat(stock(tenant, "a")).containsExactly(ORDERS, 0, 0);
        assertThat(stock(tenant, "b")).containsExactly(ORDERS, 0, 0);
        assertThat(conservation.check(tenant)).isEmpty();
    }
}
