package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.inventory.StockConservation;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class CardOrderLifecycleTests {

    private static final int INITIAL_STOCK = 50;
    private static final long PIZZA_CENTS = 4_500;
    private static final long SODA_CENTS = 900;

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("lifecycle")
                .withProduct("PIZZA", PIZZA_CENTS, INITIAL_STOCK)
                .withProduct("SODA", SODA_CENTS, INITIAL_STOCK)
                .withProduct("WATER", SODA_CENTS, INITIAL_STOCK);
    }

    @Test
    void paidDeliveryOrderMovesThroughTheKitchenToCompletedWithStockSoldAndOneCharge() {
        var orderId = orders.placeNew(
                tenant.customer(),
                OrderRequest.takeaway().delivery().item("PIZZA", 2).item("SODA", 3));
        var total = 2 * PIZZA_CENTS + 3 * SODA_CENTS;

        var confirmed = orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(confirmed.at("/total/cents").asLong()).isEqualTo(total);
        for (var next : List.of(
                OrderStatus.ACCEPTED,
                OrderStatus.PREPARING,
                OrderStatus.READY,
                OrderStatus.OUT_FOR_DELIVERY,
                OrderStatus.DELIVERED)) {
            var moved = orders.move(tenant.kitchen(), orderId, next);
            assertThat(moved.status()).as("moving to %s: %s", next, moved).isEqualTo(200);
            // The answer is the state once the move is recorded; a handed-over order may be COMPLETED by then.
            assertThat(moved.json().get("status").asString())
                    .isIn(next.name(), next.isHandedOver() ? "COMPLETED" : next.name());
        }
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.COMPLETED);

        assertThat(rows.orderStatus(orderId)).isEqualTo("COMPLETED");
        assertThat(rows.orderEvents(orderId))
                .containsSubsequence(
                        "PENDING",
                        "CONFIRMED",
                        "ACCEPTED",
                        "PREPARING",
                        "READY",
                        "OUT_FOR_DELIVERY",
                        "DELIVERED",
                        "COMPLETED");
        assertThat(rows.payments(orderId)).singleElement().satisfies(charge -> {
            assertThat(charge.kind()).isEqualTo("CHARGE");
            assertThat(charge.status()).isEqualTo("SUCCEEDED");
            assertThat(charge.amountCents()).isEqualTo(total);
        });
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(INITIAL_STOCK - 2, 0, 2));
        assertThat(rows.stock(tenant.id(), "SODA")).isEqualTo(new Rows.Stock(INITIAL_STOCK - 3, 0, 3));
        var conservation = stack.comanda().workers().getBean(StockConservation.class);
        assertThat(conservation.check(tenant.id())).isEmpty();
    }

    @Test
    void illegalKitchenMoveIsRefusedWithConflict() {
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("WATER", 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        var skipped = orders.move(tenant.kitchen(), orderId, OrderStatus.READY);

        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(409);
        assertThat(skipped.contentType()).startsWith("application/problem+json");
        assertThat(skipped.text()).contains("cannot move from CONFIRMED to READY");
        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("CONFIRMED");
    }
}
