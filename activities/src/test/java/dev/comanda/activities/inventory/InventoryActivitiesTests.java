package dev.comanda.activities.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.inventory.InventoryActivities.ReserveStock;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.inventory.StockConservation;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InventoryActivitiesTests extends ActivityTestSupport {

    private static final Duration TTL = Duration.ofMinutes(15);
    private static final int RACERS = 200;
    private static final int UNITS = 50;

    @Autowired
    InventoryActivitiesImpl inventory;

    @Autowired
    StockConservation conservation;

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        var tenant = newTenant();
        product(tenant, "burger", 2500, UNITS);
        var start = new CountDownLatch(1);
        var reserved = new AtomicInteger();
        var failureTypes = new ConcurrentHashMap<String, AtomicInteger>();
        var tasks = new ArrayList<Callable<Void>>();
        for (int i = 0; i < RACERS; i++) {
            var orderId = orderId();
            tasks.add(() -> {
                start.await();
                try {
                    inventory.reserve(request(tenant, orderId, List.of(new Item("burger", 1))));
                    reserved.incrementAndGet();
                } catch (ApplicationFailure e) {
                    assertThat(e.isNonRetryable()).isTrue();
                    failureTypes
                            .computeIfAbsent(e.getType(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(32)) {
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(reserved).hasValue(UNITS);
        assertThat(failureTypes).containsOnlyKeys(OrderContract.OUT_OF_STOCK);
        assertThat(failureTypes.get(OrderContract.OUT_OF_STOCK)).hasValue(RACERS - UNITS);
        assertThat(stock(tenant, "burger")).containsExactly(0, UNITS, 0);
        assertThat(movements(tenant, "RESERVE")).isEqualTo(UNITS);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void reserveIsAllOrNothingAndNamesTheShortSkus() {
        var tenant = newTenant();
        product(tenant, "fries", 900, 10);
        product(tenant, "soda", 500, 1);
        var request = request(tenant, orderId(), List.of(new Item("fries", 3), new Item("soda", 2)));

        assertThatThrownBy(() -> inventory.reserve(request)).isInstanceOfSatisfying(ApplicationFailure.class, e -> {
            assertThat(e.getType()).isEqualTo(OrderContract.OUT_OF_STOCK);
            assertThat(e.isNonRetryable()).isTrue();
            assertThat(e.getOriginalMessage()).contains("soda").doesNotContain("fries");
        });
        assertThat(stock(tenant, "fries")).containsExactly(10, 0, 0);
        assertThat(stock(tenant, "soda")).containsExactly(1, 0, 0);
        assertThat(reservationCount(tenant)).isZero();
        assertThat(movements(tenant, "RESERVE")).isZero();
    }

    @Test
    void unknownAndInactiveSkusAreOutOfStock() {
        var tenant = newTenant();
        product(tenant, "pizza", 4000, 5);
        product(tenant, "old", 100, 5);
        productAdmin.deactivate(tenant, "old");

        for (var sku : List.of("nope", "old")) {
            assertThatThrownBy(() -> inventory.reserve(request(tenant, orderId(), List.of(new Item(sku, 1)))))
                    .isInstanceOfSatisfying(ApplicationFailure.class, e -> {
                        assertThat(e.getType()).isEqualTo(OrderContract.OUT_OF_STOCK);
                        assertThat(e.isNonRetryable()).isTrue();
                    });
        }
        assertThat(stock(tenant, "old")).containsExactly(5, 0, 0);
    }

    @Test
    void anotherTenantsSkuIsOutOfStock() {
        var owner = newTenant();
        product(owner, "secret", 100, 5);
        var other = newTenant();

        assertThatThrownBy(() -> inventory.reserve(request(other, orderId(), List.of(new Item("secret", 1)))))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class, e -> assertThat(e.getType()).isEqualTo(OrderContract.OUT_OF_STOCK));
        assertThat(stock(owner, "secret")).containsExactly(5, 0, 0);
    }

    @Test
    void repeatedSkusInOneRequestAreMerged() {
        var tenant = newTenant();
        product(tenant, "taco", 700, 10);

        inventory.reserve(request(tenant, orderId(), List.of(new Item("taco", 2), new Item("taco", 3))));

        assertThat(stock(tenant, "taco")).containsExactly(5, 5, 0);
        assertThat(movements(tenant, "RESERVE")).isOne();
    }

    @Test
    void reserveTwiceWithTheSameKeyReservesOnce() {
        var tenant = newTenant();
        product(tenant, "salad", 1500, 10);
        var request = request(tenant, orderId(), List.of(new Item("salad", 4)));

        var first = inventory.reserve(request);
        var second = inventory.reserve(request);

        assertThat(second).isEqualTo(first);
        assertThat(first.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(stock(tenant, "salad")).containsExactly(6, 4, 0);
        assertThat(movements(tenant, "RESERVE")).isOne();
    }

    @Test
    void commitTwiceCommitsOnce() {
        var tenant = newTenant();
        product(tenant, "wrap", 1100, 10);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("wrap", 3))));

        inventory.commit(tenant, reservation.reservationKey());
        inventory.commit(tenant, reservation.reservationKey());

        assertThat(stock(tenant, "wrap")).containsExactly(7, 0, 3);
        assertThat(movements(tenant, "COMMIT")).isOne();
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void releaseTwiceReleasesOnce() {
        var tenant = newTenant();
        product(tenant, "soup", 800, 10);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("soup", 2))));

        assertThat(inventory.release(tenant, reservation.reservationKey(), "declined"))
                .isEqualTo(ReservationStatus.RELEASED);
        assertThat(inventory.release(tenant, reservation.reservationKey(), "declined"))
                .isEqualTo(ReservationStatus.RELEASED);

        assertThat(stock(tenant, "soup")).containsExactly(10, 0, 0);
        assertThat(movements(tenant, "RELEASE")).isOne();
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void releaseAfterCommitRestocksOnce() {
        var tenant = newTenant();
        product(tenant, "cake", 1200, 10);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("cake", 4))));
        inventory.commit(tenant, reservation.reservationKey());

        assertThat(inventory.release(tenant, reservation.reservationKey(), "cancelled"))
                .isEqualTo(ReservationStatus.RESTOCKED);
        assertThat(inventory.release(tenant, reservation.reservationKey(), "cancelled"))
                .isEqualTo(ReservationStatus.RESTOCKED);

        assertThat(stock(tenant, "cake")).containsExactly(10, 0, 0);
        assertThat(movements(tenant, "RESTOCK_CANCELLED")).isOne();
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void releaseOfAnUnknownReservationChangesNothing() {
        var tenant = newTenant();
        product(tenant, "tea", 300, 10);

        assertThat(inventory.release(tenant, OrderContract.effectKey(orderId(), "reserve"), "cancelled"))
                .isEqualTo(ReservationStatus.NONE);
        assertThat(stock(tenant, "tea")).containsExactly(10, 0, 0);
    }

    @Test
    void anotherTenantCannotCommitOrReleaseAReservation() {
        var tenant = newTenant();
        product(tenant, "pie", 900, 10);
        var reservation = inventory.reserve(request(tenant, orderId(), List.of(new Item("pie", 2))));
        var other = newTenant();

        assertThat(inventory.release(other, reservation.reservationKey(), "attack"))
                .isEqualTo(ReservationStatus.NONE);
        assertThatThrownBy(() -> inventory.commit(other, reservation.reservationKey()))
                .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        e -> assertThat(e.isNonRetryable()).isTrue());
        assertThat(stock(tenant, "pie")).containsExactly(8, 2, 0);
    }

    private long reservationCount(String tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM reservations WHERE tenant_id = ?")
                .params(tenant)
                .query(Long.class)
                .single();
    }

    static ReserveStock request(String tenant, String orderId, List<Item> items) {
        return new ReserveStock(tenant, orderId, OrderContract.effectKey(orderId, "reserve"), items, TTL);
    }

    static String orderId() {
        var random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }
}
