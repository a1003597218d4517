package dev.comanda.persistence.order;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderQueriesTests extends DataTestSupport {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    @Autowired
    OrderReadModelRepository readModel;

    @Autowired
    OrderQueries queries;

    @Test
    void findNeverReturnsAnotherTenantsOrder() {
        var owner = newTenant();
        var other = newTenant();
        var order = record(owner, 0, 1000, OrderStatus.PENDING);

        assertThat(queries.find(owner, order.orderId())).isPresent();
        assertThat(queries.find(other, order.orderId())).isEmpty();
    }

    @Test
    void listNeverReturnsAnotherTenantsOrders() {
        var owner = newTenant();
        var other = newTenant();
        record(owner, 0, 1000, OrderStatus.PENDING);
        var theirs = record(other, 0, 1000, OrderStatus.PENDING);

        var page = queries.list(OrderSearch.newest(owner, 50));

        assertThat(page.total()).isOne();
        assertThat(page.orders()).extracting(OrderView::tenantId).containsOnly(owner);
        assertThat(page.orders()).extracting(OrderView::orderId).doesNotContain(theirs.orderId());
    }

    @Test
    void listFiltersByStatusAndCreationWindow() {
        var tenant = newTenant();
        record(tenant, 0, 1000, OrderStatus.CONFIRMED);
        var wanted = record(tenant, 1, 1000, OrderStatus.CONFIRMED);
        record(tenant, 2, 1000, OrderStatus.CANCELLED);
        record(tenant, 3, 1000, OrderStatus.CONFIRMED);

        var page = queries.list(new OrderSearch(
                tenant,
                Set.of(OrderStatus.CONFIRMED, OrderStatus.ACCEPTED),
                minute(1),
                minute(3),
                OrderSearch.Sort.CREATED_AT,
                true,
                1,
                10,
                false));

        assertThat(page.total()).isOne();
        assertThat(page.orders()).extracting(OrderView::orderId).containsExactly(wanted.orderId());
    }

    @Test
    void listSortsByTotalAndPagesWithoutOverlap() {
        var tenant = newTenant();
        var expected = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            // Totals 2*unit + 500: descending unit prices give ascending minutes, so the two sorts differ.
            expected.add(record(tenant, i, 5000 - 1000 * i, OrderStatus.PENDING).orderId());
        }
        var ascendingByTotal = expected.reversed();

        var first = queries.list(search(tenant, OrderSearch.Sort.TOTAL, true, 1, 2));
        var second = queries.list(search(tenant, OrderSearch.Sort.TOTAL, true, 2, 2));
        var third = queries.list(search(tenant, OrderSearch.Sort.TOTAL, true, 3, 2));

        assertThat(first.total()).isEqualTo(5);
        var ids = new ArrayList<String>();
        for (var page : List.of(first, second, third)) {
            page.orders().forEach(o -> ids.add(o.orderId()));
        }
        assertThat(ids).containsExactlyElementsOf(ascendingByTotal);
        assertThat(third.orders()).hasSize(1);
        assertThat(queries.list(search(tenant, OrderSearch.Sort.CREATED_AT, false, 1, 5))
                        .orders())
                .extracting(OrderView::orderId)
                .containsExactlyElementsOf(expected.reversed());
    }

    @Test
    void listLoadsItemsAndTimelineOnlyWhenAsked() {
        var tenant = newTenant();
        var a = record(tenant, 0, 1000, OrderStatus.CONFIRMED);
        var b = record(tenant, 1, 1000, OrderStatus.CONFIRMED);

        var bare = queries.list(search(tenant, OrderSearch.Sort.CREATED_AT, true, 1, 10));
        var detailed = queries.list(
                new OrderSearch(tenant, Set.of(), null, null, OrderSearch.Sort.CREATED_AT, true, 1, 10, true));

        assertThat(bare.orders()).allSatisfy(o -> {
            assertThat(o.items()).isEmpty();
            assertThat(o.timeline()).isEmpty();
        });
        assertThat(detailed.orders()).extracting(OrderView::orderId).containsExactly(a.orderId(), b.orderId());
        assertThat(detailed.orders()).allSatisfy(o -> {
            assertThat(o.items()).hasSize(2);
            assertThat(o.timeline()).extracting(TimelineEntry::seq).containsExactly(0, 1);
        });
    }

    private PlaceOrder record(String tenant, int minute, long unitCents, OrderStatus status) {
        var order = placed(tenant, minute(minute), unitCents);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, minute(minute)));
        if (status != OrderStatus.PENDING) {
            readModel.applyProgress(progress(order, status, List.of(entry(1, status, minute(minute)))));
        }
        return order;
    }

    private static OrderSearch search(String tenant, OrderSearch.Sort sort, boolean ascending, int page, int perPage) {
        return new OrderSearch(tenant, Set.of(), null, null, sort, ascending, page, perPage, false);
    }

    private static Instant minute(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }
}
