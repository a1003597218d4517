package dev.comanda.activities.reconciliation;

import dev.comanda.order.CancellationReason;
import dev.comanda.order.OrderState;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.RejectionReason;
import dev.comanda.persistence.order.OrderView;

/** An order's state as the workflow would report it, rebuilt from the read model when the workflow is gone. */
final class OrderStates {

    private OrderStates() {}

    static OrderState of(OrderView order) {
        var rejection =
                order.status() == OrderStatus.REJECTED ? enumOrNull(RejectionReason.class, order.reason()) : null;
        var cancellation =
                order.status() == OrderStatus.CANCELLED ? enumOrNull(CancellationReason.class, order.reason()) : null;
        return new OrderState(
                order.tenantId(),
                order.orderId(),
                order.status(),
                rejection,
                cancellation,
                order.channel(),
                order.customer(),
                order.fulfilment(),
                order.items(),
                order.total(),
                order.payment(),
                null,
                order.sync(),
                order.timeline());
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
