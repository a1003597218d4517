package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.comanda.inventory.InventoryActivities.Sale;
import dev.comanda.inventory.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An order a POS took offline: sold outright, paid at the counter, flagged by the sync rules. */
class OrderWorkflowOfflineTests {

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aCounterOrderIsSoldOutrightAndCountsItsTotalAsChargedWithoutTheProvider() {
        var order = offline(List.of("STALE_OFFLINE_PRICE: PIZZA-MARG offline 4500, catalog now 4800"));
        when(fx.inventory.sell(any()))
                .thenAnswer(call -> new Sale(
                        call.<dev.comanda.inventory.InventoryActivities.ReserveStock>getArgument(0)
                                .reservationKey(),
                        ReservationStatus.COMMITTED,
                        Instant.ofEpochMilli(fx.env.currentTimeMillis()),
                        Map.of("SODA", 1)));
        var workflow = fx.start(order);

        var confirmed = awaitStatus(workflow, OrderStatus.CONFIRMED);
        for (var next : List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.SERVED)) {
            workflow.transition(new TransitionRequest(next, Actor.DEVICE));
        }
        var done = result(workflow);

        assertThat(confirmed.timeline())
                .extracting(TimelineEntry::step)
                .containsSubsequence(
                        "PLACED", "SYNC_FLAGGED", "STOCK_COMMITTED", "STOCK_DEFICIT", "PAID_AT_COUNTER", "CONFIRMED");
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payment().charged().minus(done.payment().refunded())).isEqualTo(order.total());
        verify(fx.payments, never()).charge(any());
        verify(fx.inventory, never()).reserve(any());
        verify(fx.inventory, never()).commit(anyString(), anyString());
    }

    @Test
    void aCancelledCounterOrderIsRefundedAtTheCounterAndRestocked() {
        var order = offline(List.of());
        when(fx.inventory.sell(any()))
                .thenAnswer(call -> new Sale(
                        call.<dev.comanda.inventory.InventoryActivities.ReserveStock>getArgument(0)
                                .reservationKey(),
                        ReservationStatus.COMMITTED,
                        Instant.ofEpochMilli(fx.env.currentTimeMillis()),
                        Map.of()));
        when(fx.inventory.release(anyString(), anyString(), anyString())).thenReturn(ReservationStatus.RESTOCKED);
        var workflow = fx.start(order);
        awaitStatus(workflow, OrderStatus.CONFIRMED);

        var cancelled = workflow.cancel(new CancelRequest(Actor.KITCHEN, "wrong table"));

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.payment().status()).isEqualTo(PaymentStatus.REFUNDED_AT_COUNTER);
        assertThat(cancelled
                        .payment()
                        .charged()
                        .minus(cancelled.payment().refunded())
                        .cents())
                .isZero();
        verify(fx.inventory, times(1)).release(anyString(), anyString(), anyString());
        verify(fx.payments, never()).refund(any());
    }

    @Test
    void aDeviceMovesOrdersThroughTheKitchenButMayNotCancel() {
        assertThat(OrderStatus.CONFIRMED.cancellableBy(Actor.DEVICE)).isFalse();
        assertThat(Actor.DEVICE.mayMoveKitchen()).isTrue();
    }

    private PlaceOrder offline(List<String> flags) {
        var base = fx.order(PaymentMethod.PAID_AT_COUNTER, Fulfilment.dineIn("7"));
        return PlaceOrderBuilder.from(base)
                .channel(Channel.POS)
                .policy(new OrderPolicy(OrderPolicy.DEFAULT.reservationTtl(), Duration.ofHours(12)))
                .offline(new OfflineOrigin(
                        "device-1", "client-1", base.placedAt().minusSeconds(600), flags))
                .build();
    }
}
