package dev.comanda.activities.inventory;

import static dev.comanda.activities.inventory.InventoryActivitiesTests.orderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.inventory.InventoryActivities.Item;
import dev.comanda.inventory.InventoryActivities.ReserveStock;
import dev.comanda.inventory.ReservationStatus;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.inventory.InventoryRepository;
import dev.comanda.persistence.inventory.StockConservation;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReservationSweeperTests extends ActivityTestSupport {

    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofDays(1);

    @Autowired
    InventoryActivitiesImpl inventory;

    @Autowired
    ReservationSweeper sweeper;

    @Autowired
    InventoryRepository repository;

    @Autowired
    StockConservation conservation;

    @Autowired
    MeterRegistry meters;

    @Test
    void sweeperReleasesOnlyExpiredReservedReservations() {
        var later = Instant.now().plus(Duration.ofHours(1));
        sweeper.sweep(later); // clears what other suites left behind, so the count below is ours alone
        var tenant = newTenant();
        product(tenant, "rice", 500, 10);
        var expired = reserve(tenant, 1, SHORT);
        var committed = reserve(tenant, 2, SHORT);
        inventory.commit(tenant, committed);
        var alive = reserve(tenant, 3, LONG);

        assertThat(sweeper.sweep(later)).isOne();

        assertThat(status(expired)).isEqualTo(ReservationStatus.RELEASED);
        assertThat(status(committed)).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(status(alive)).isEqualTo(ReservationStatus.RESERVED);
        assertThat(stock(tenant, "rice")).containsExactly(5, 3, 2);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    @Test
    void everyReleasedReservationCountsAsExpired() {
        var later = Instant.now().plus(Duration.ofHours(1));
        var tenant = newTenant();
        product(tenant, "lentils", 500, 10);
        reserve(tenant, 1, SHORT);
        reserve(tenant, 2, SHORT);
        var expired = meters.get("comanda.reservations.expired").counter();
        var before = expired.count();

        var released = sweeper.sweep(later);

        assertThat(expired.count() - before).isEqualTo(released).isGreaterThanOrEqualTo(2);
    }

    @Test
    void sweeperLeavesReservationsWithinTheGracePeriod() {
        var tenant = newTenant();
        product(tenant, "beans", 500, 10);
        var key = reserve(tenant, 1, SHORT);

        // Past its expiry, but by less than the default 60 s grace.
        sweeper.sweep(Instant.now().plus(Duration.ofSeconds(20)));

        assertThat(status(key)).isEqualTo(ReservationStatus.RESERVED);
        assertThat(stock(tenant, "beans")).containsExactly(9, 1, 0);
    }

    @Test
    void commitAfterTheSweeperReleasedIsReservationExpired() {
        var tenant = newTenant();
        product(tenant, "noodles", 500, 10);
        var key = reserve(tenant, 1, SHORT);
        sweeper.sweep(Instant.now().plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> inventory.commit(tenant, key)).isInstanceOfSatisfying(ApplicationFailure.class, e -> {
            assertThat(e.getType()).isEqualTo(OrderContract.RESERVATION_EXPIRED);
            assertThat(e.isNonRetryable()).isTrue();
        });
        assertThat(stock(tenant, "noodles")).containsExactly(10, 0, 0);
        assertThat(conservation.check(tenant)).isEmpty();
    }

    private String reserve(String tenant, int quantity, Duration ttl) {
        var orderId = orderId();
        return inventory
                .reserve(new ReserveStock(
                        tenant,
                        orderId,
                        OrderContract.effectKey(orderId, "reserve"),
                        List.of(new Item(skuOf(tenant), quantity)),
                        ttl))
                .reservationKey();
    }

    private String skuOf(String tenant) {
        return jdbc.sql("SELECT sku FROM products WHERE tenant_id = ?")
                .params(tenant)
                .query(String.class)
                .single();
    }

    private ReservationStatus status(String key) {
        return repository.findReservation(key).orElseThrow().status();
    }
}
