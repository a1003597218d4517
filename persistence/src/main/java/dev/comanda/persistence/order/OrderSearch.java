package dev.comanda.persistence.order;

import dev.comanda.order.OrderStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One page of a tenant's orders: optional status set and creation window, a sort from a fixed set, and
 * whether the page's items and timelines come along.
 *
 * @param page 1-based page number
 * @param customerId a signed-in customer's account: only the orders it placed; null for every order
 */
public record OrderSearch(
        String tenantId,
        Set<OrderStatus> statuses,
        Instant createdFrom,
        Instant createdTo,
        Sort sort,
        boolean ascending,
        int page,
        int perPage,
        boolean withDetails,
        Long customerId) {

    /** Every order of the tenant that matches, whoever placed it. */
    public OrderSearch(
            String tenantId,
            Set<OrderStatus> statuses,
            Instant createdFrom,
            Instant createdTo,
            Sort sort,
            boolean ascending,
            int page,
            int perPage,
            boolean withDetails) {
        this(tenantId, statuses, createdFrom, createdTo, sort, ascending, page, perPage, withDetails, null);
    }

    /** The same search, of the orders customer {@code customerId} placed only. */
    public OrderSearch ofCustomer(long customerId) {
        return new OrderSearch(
                tenantId, statuses, createdFrom, createdTo, sort, ascending, page, perPage, withDetails, customerId);
    }

    public OrderSearch {
        Objects.requireNonNull(tenantId, "tenantId");
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        sort = sort == null ? Sort.CREATED_AT : sort;
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and perPage start at 1, got " + page + " and " + perPage);
        }
    }

    /** The first page, newest first, of every order of the tenant. */
    public static OrderSearch newest(String tenantId, int perPage) {
        return new OrderSearch(tenantId, Set.of(), null, null, Sort.CREATED_AT, false, 1, perPage, false);
    }

    /** Sortable fields; each maps to one fixed column, so no client text ever reaches the SQL. */
    public enum Sort {
        CREATED_AT("created_at"),
        UPDATED_AT("updated_at"),
        TOTAL("total_cents");

        private final String column;

        Sort(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }
}
