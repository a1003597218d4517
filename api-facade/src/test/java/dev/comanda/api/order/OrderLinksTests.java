package dev.comanda.api.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.ApiProperties;
import dev.comanda.order.Address;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.OrderStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** An order links only to what its status still allows: no cancel or transitions once it has ended. */
class OrderLinksTests {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final Fulfilment TAKEAWAY = Fulfilment.takeaway();

    private final OrderLinks links = new OrderLinks(
            new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("comanda.api", ApiProperties.class));

    @Test
    void aConfirmedOrderLinksToCancelAndTransitions() {
        assertThat(links.of("t", ID, OrderStatus.CONFIRMED, TAKEAWAY))
                .containsOnlyKeys("self", "cancel", "transitions", "history");
    }

    @Test
    void aReadyOrderMayMoveOnButNoLongerBeCancelled() {
        assertThat(links.of("t", ID, OrderStatus.READY, TAKEAWAY)).containsOnlyKeys("self", "transitions", "history");
    }

    @Test
    void aPickedUpOrderHasNoKitchenMoveLeft() {
        assertThat(links.of("t", ID, OrderStatus.PICKED_UP, TAKEAWAY)).containsOnlyKeys("self", "history");
    }

    @Test
    void endedOrdersLinkToThemselvesAndTheirHistoryOnly() {
        for (var ended : new OrderStatus[] {OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REJECTED}) {
            assertThat(links.of("t", ID, ended, TAKEAWAY)).as(ended.name()).containsOnlyKeys("self", "history");
        }
    }

    @Test
    void aDeliveryOutForDeliveryMayStillBeMarkedDelivered() {
        var delivery = Fulfilment.delivery(new Address("Rua A", "1", null, "São Paulo", "01000-000"));

        assertThat(links.of("t", ID, OrderStatus.OUT_FOR_DELIVERY, delivery))
                .containsEntry("transitions", "/api/v1/orders/" + ID + "/transitions")
                .doesNotContainKey("cancel");
    }
}
