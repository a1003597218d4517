package dev.comanda.order;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The search attributes of an order workflow, so ops can filter in Temporal UI and visibility queries,
 * e.g. {@code ComandaOrderStatus="PENDING" AND ExecutionStatus="Running"}. The API sets all four when it
 * starts the workflow (no history cost); the workflow upserts the status on every status change. A
 * Temporal server must have them registered: the dev server takes {@link #registrations()} as
 * {@code --search-attribute} flags, a cluster gets them from {@code temporal operator search-attribute create}.
 */
public final class OrderSearchAttributes {

    public static final SearchAttributeKey<String> TENANT = SearchAttributeKey.forKeyword("ComandaTenant");
    public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("ComandaOrderStatus");
    public static final SearchAttributeKey<String> PAYMENT_METHOD =
            SearchAttributeKey.forKeyword("ComandaPaymentMethod");
    public static final SearchAttributeKey<String> FULFILMENT = SearchAttributeKey.forKeyword("ComandaFulfilment");

    private static final List<SearchAttributeKey<String>> ALL = List.of(TENANT, STATUS, PAYMENT_METHOD, FULFILMENT);

    private OrderSearchAttributes() {}

    /** What a newly placed order is searchable by, from its first moment. */
    public static SearchAttributes initial(PlaceOrder order) {
        return of(order, OrderStatus.PENDING);
    }

    /** Every attribute of the order at {@code status}. */
    public static SearchAttributes of(PlaceOrder order, OrderStatus status) {
        return SearchAttributes.newBuilder()
                .set(TENANT, order.tenantId())
                .set(STATUS, status.name())
                .set(PAYMENT_METHOD, order.payment().method().name())
                .set(FULFILMENT, order.fulfilment().type().name())
                .build();
    }

    /**
     * What to upsert so that {@code current} describes the order at {@code status}: only the status after a
     * move, everything when the workflow was started without attributes (another client, an old build).
     * Empty when nothing changed, so no command and no history event is spent on it.
     */
    public static SearchAttributeUpdate<?>[] changes(PlaceOrder order, OrderStatus status, SearchAttributes current) {
        var wanted = of(order, status);
        var updates = new ArrayList<SearchAttributeUpdate<?>>();
        for (var key : ALL) {
            var value = wanted.get(key);
            if (!Objects.equals(value, current.get(key))) {
                updates.add(key.valueSet(value));
            }
        }
        return updates.toArray(SearchAttributeUpdate<?>[]::new);
    }

    /** {@code NAME=Keyword} for each attribute, the form of the dev server's {@code --search-attribute}. */
    public static List<String> registrations() {
        return ALL.stream().map(key -> key.getName() + "=Keyword").toList();
    }

    /** The attribute names, for registering them on a test service. */
    public static List<String> names() {
        return ALL.stream().map(SearchAttributeKey::getName).toList();
    }
}
