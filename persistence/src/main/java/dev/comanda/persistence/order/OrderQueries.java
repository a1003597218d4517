package dev.comanda.persistence.order;

import dev.comanda.order.Address;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.Money;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PaymentStatus;
import dev.comanda.order.SyncStatus;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of orders for the REST API. Every query filters by tenant, so a caller of one tenant
 * cannot read, or learn of, another tenant's orders. Sort columns come from {@link OrderSearch.Sort}.
 */
@Repository
@Transactional(readOnly = true)
public class OrderQueries {

    private static final String COLUMNS = """
            SELECT order_id, tenant_id, status, reason, channel,
                   customer_name, customer_email, customer_phone,
                   fulfilment_type, address_street, address_number, address_complement,
                   address_city, address_postal_code, table_label,
                   payment_method, payment_status, provider_charge_id, pix_code,
                   total_cents, currency, charged_cents, refunded_cents,
                   workflow_id, created_at, updated_at
            FROM orders
            """;
    private static final String FIND = COLUMNS + """
            WHERE tenant_id = :tenantId
              AND order_id = :orderId
            """;
    private static final String COUNT = """
            SELECT COUNT(*)
            FROM orders
            """;
    private static final String ITEMS = """
            SELECT order_id, sku, name, quantity, unit_price_cents
            FROM order_items
            WHERE order_id IN (:orderIds)
            ORDER BY order_id, line_no
            """;
    private static final String TIMELINE = """
            SELECT order_id, seq, step, status, at, detail, by_kind, by_id, by_name
            FROM order_events
            WHERE tenant_id = :tenantId
              AND order_id IN (:orderIds)
            ORDER BY order_id, seq
            """;
    private static final String SYNC = """
            SELECT order_id, channel, status, external_id, last_error
            FROM order_sync
            WHERE order_id IN (:orderIds)
            ORDER BY order_id, channel
            """;

    private final JdbcClient jdbc;

    OrderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's order with items, timeline and sync; empty when it does not exist for this tenant. */
    public Optional<OrderView> find(String tenantId, String orderId) {
        return jdbc.sql(FIND)
                .param("tenantId", tenantId)
                .param("orderId", orderId)
                .query(OrderQueries::order)
                .optional()
                .map(order -> withDetails(tenantId, List.of(order)).getFirst());
    }

    /**
     * One page of the tenant's orders (of one customer's, when the search names one): one count, one page
     * query, and three more with details.
     */
    public OrderPage list(OrderSearch search) {
        var where = new StringBuilder("WHERE tenant_id = :tenantId\n");
        var params = new HashMap<String, Object>();
        params.put("tenantId", search.tenantId());
        if (!search.statuses().isEmpty()) {
            where.append("  AND status IN (:statuses)\n");
            params.put(
                    "statuses",
                    search.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (search.createdFrom() != null) {
            where.append("  AND created_at >= :createdFrom\n");
            params.put("createdFrom", SqlTimes.toSql(search.createdFrom()));
        }
        if (search.createdTo() != null) {
            where.append("  AND created_at < :createdTo\n");
            params.put("createdTo", SqlTimes.toSql(search.createdTo()));
        }
        if (search.customerId() != null) {
            // A signed-in customer's own orders only: those it placed (customer_orders, written at placement).
            where.append("""
                      AND order_id IN (SELECT c.order_id
                                       FROM customer_orders c
                                       WHERE c.tenant_id = :tenantId
                                         AND c.customer_id = :customerId)
                    """);
            params.put("customerId", search.customerId());
        }
        long total = jdbc.sql(COUNT + where).params(params).query(Long.class).single();
        var direction = search.ascending() ? "ASC" : "DESC";
        // Column and direction come from an enum and a boolean; order_id breaks ties so pages never overlap.
        var page = COLUMNS + where + "ORDER BY " + search.sort().column() + ' ' + direction + ", order_id " + direction
                + "\nLIMIT :limit OFFSET :offset";
        params.put("limit", search.perPage());
        params.put("offset", (long) (search.page() - 1) * search.perPage());
        var orders = jdbc.sql(page).params(params).query(OrderQueries::order).list();
        if (search.withDetails() && !orders.isEmpty()) {
            orders = withDetails(search.tenantId(), orders);
        }
        return new OrderPage(orders, total, search.page(), search.perPage());
    }

    private List<OrderView> withDetails(String tenantId, List<OrderView> orders) {
        var ids = orders.stream().map(OrderView::orderId).toList();
        var items = new HashMap<String, List<OrderLine>>();
        var timelines = new HashMap<String, List<TimelineEntry>>();
        var syncs = new HashMap<String, List<MarketplaceSync>>();
        var currencies = new LinkedHashMap<String, String>();
        orders.forEach(o -> currencies.put(o.orderId(), o.total().currency()));
        jdbc.sql(ITEMS).param("orderIds", ids).query(rs -> {
            var orderId = rs.getString("order_id");
            items.computeIfAbsent(orderId, k -> new ArrayList<>())
                    .add(new OrderLine(
                            rs.getString("sku"),
                            rs.getString("name"),
                            rs.getInt("quantity"),
                            new Money(rs.getLong("unit_price_cents"), currencies.get(orderId))));
        });
        jdbc.sql(TIMELINE).param("tenantId", tenantId).param("orderIds", ids).query(rs -> {
            timelines
                    .computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>())
                    .add(new TimelineEntry(
                            rs.getInt("seq"),
                            rs.getString("step"),
                            OrderStatus.valueOf(rs.getString("status")),
                            instant(rs, "at"),
                            rs.getString("detail"),
                            ActingParties.read(rs)));
        });
        jdbc.sql(SYNC).param("orderIds", ids).query(rs -> {
            syncs.computeIfAbsent(rs.getString("order_id"), k -> new ArrayList<>())
                    .add(new MarketplaceSync(
                            rs.getString("channel"),
                            SyncStatus.valueOf(rs.getString("status")),
                            rs.getString("external_id"),
                            rs.getString("last_error")));
        });
        return orders.stream()
                .map(o -> o.withDetails(
                        List.copyOf(items.getOrDefault(o.orderId(), List.of())),
                        List.copyOf(timelines.getOrDefault(o.orderId(), List.of())),
                        List.copyOf(syncs.getOrDefault(o.orderId(), List.of()))))
                .toList();
    }

    private static OrderView order(ResultSet rs, int row) throws SQLException {
        var currency = rs.getString("currency");
        var fulfilmentType = FulfilmentType.valueOf(rs.getString("fulfilment_type"));
        var address = fulfilmentType == FulfilmentType.DELIVERY
                ? new Address(
                        rs.getString("address_street"),
                        rs.getString("address_number"),
                        rs.getString("address_complement"),
                        rs.getString("address_city"),
                        rs.getString("address_postal_code"))
                : null;
        return new OrderView(
                rs.getString("tenant_id"),
                rs.getString("order_id"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                Channel.valueOf(rs.getString("channel")),
                new Customer(
                        rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("customer_phone")),
                new Fulfilment(fulfilmentType, address, rs.getString("table_label")),
                new Money(rs.getLong("total_cents"), currency),
                new PaymentState(
                        PaymentMethod.valueOf(rs.getString("payment_method")),
                        paymentStatus(rs.getString("payment_status")),
                        rs.getString("provider_charge_id"),
                        rs.getString("pix_code"),
                        new Money(rs.getLong("charged_cents"), currency),
                        new Money(rs.getLong("refunded_cents"), currency)),
                List.of(),
                rs.getString("workflow_id"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                List.of(),
                List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return SqlTimes.fromSql(rs.getObject(column, LocalDateTime.class));
    }

    /** NULL until the workflow's first payment step is recorded. */
    private static PaymentStatus paymentStatus(String column) {
        return column == null ? null : PaymentStatus.valueOf(column);
    }

    /** An order for an erasure or an offboarding: which one and whether it is over. */
    public record CustomerOrder(String orderId, OrderStatus status) {}

    private static final String BY_CUSTOMER_EMAIL = """
            SELECT order_id, status
            FROM orders
            WHERE tenant_id = :tenantId
              AND LOWER(customer_email) = LOWER(:email)
            ORDER BY created_at
            """;

    /**
     * The tenant's orders placed with this e-mail, however it was capitalized (the column's collation is
     * binary; a tenant's orders are few enough to compare each).
     */
    public List<CustomerOrder> byCustomerEmail(String tenantId, String email) {
        return jdbc.sql(BY_CUSTOMER_EMAIL)
                .param("tenantId", tenantId)
                .param("email", email)
                .query((rs, n) ->
                        new CustomerOrder(rs.getString("order_id"), OrderStatus.valueOf(rs.getString("status"))))
                .list();
    }

    private static final String OPEN_ORDERS = """
            SELECT order_id, status
            FROM orders
            WHERE tenant_id = :tenantId
              AND status NOT IN ('COMPLETED', 'REJECTED', 'CANCELLED')
            UNION ALL
            SELECT p.order_id, 'PENDING'
            FROM order_placements p
            LEFT JOIN orders o ON o.order_id = p.order_id
            WHERE p.tenant_id = :tenantId
              AND o.order_id IS NULL
            LIMIT :limit
            """;

    /**
     * Up to {@code limit} of the tenant's orders that are not over: open in the read model, or acknowledged
     * (a placement receipt) before their workflow wrote their row. What an offboarding waits for.
     */
    public List<CustomerOrder> openOrders(String tenantId, int limit) {
        return jdbc.sql(OPEN_ORDERS)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, n) ->
                        new CustomerOrder(rs.getString("order_id"), OrderStatus.valueOf(rs.getString("status"))))
                .list();
    }
}
