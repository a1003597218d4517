package dev.comanda.persistence.order;

import dev.comanda.order.MarketplaceSync;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PaymentState;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes of the order read model. Both writes are idempotent through unique keys: the order ID, and
 * (order_id, seq) for timeline entries. The status only moves with the highest timeline seq seen, so a
 * late or repeated call never takes an order back.
 */
@Repository
public class OrderReadModelRepository {

    private static final String INSERT_ORDER = """
            INSERT INTO orders (order_id, tenant_id, status, channel,
                                customer_name, customer_email, customer_phone,
                                fulfilment_type, address_street, address_number, address_complement,
                                address_city, address_postal_code, table_label,
                                payment_method, total_cents, currency, workflow_id, last_seq, created_at, updated_at)
            VALUES (:orderId, :tenantId, :status, :channel,
                    :customerName, :customerEmail, :customerPhone,
                    :fulfilmentType, :street, :number, :complement,
                    :city, :postalCode, :tableLabel,
                    :paymentMethod, :totalCents, :currency, :workflowId, :seq, :at, :at)
            """;
    private static final String INSERT_ITEM = """
            INSERT INTO order_items (order_id, line_no, sku, name, quantity, unit_price_cents)
            VALUES (?, ?, ?, ?, ?, ?)
            """;
    /** The order's row, unless a later write has been applied (a late write moves nothing back). */
    private static final String WHERE_NOT_LATER = """
            WHERE order_id = :orderId
              AND tenant_id = :tenantId
              AND last_seq <= :seq
            """;

    private static final String SET_STATUS = """
            UPDATE orders
            SET status = :status, reason = :reason, last_seq = :seq, updated_at = :at
            """;
    private static final String PAYMENT_COLUMNS = """
                payment_status = :paymentStatus,
                provider_charge_id = COALESCE(:chargeId, provider_charge_id),
                pix_code = COALESCE(:pixCode, pix_code),
                charged_cents = :charged,
                refunded_cents = :refunded
            """;
    private static final String UPDATE_STATUS = SET_STATUS + WHERE_NOT_LATER;
    /** The same with the payment's summary, in one statement: what the order's own writes send. */
    private static final String UPDATE_STATUS_AND_PAYMENT =
            SET_STATUS.stripTrailing() + ",\n" + PAYMENT_COLUMNS + WHERE_NOT_LATER;
    // Locks the order row before anything else. Of two attempts of one write (a local activity retried
    // while the first still runs) the second sees what the first did, so the transition it reports is the
    // one that applied; and an update handler and the workflow's main path recording progress of one
    // order at once no longer deadlock (both took the row's shared lock through the order_events foreign
    // key check, then each tried to upgrade it to UPDATE the row).
    private static final String LOCK_ORDER = """
            SELECT status, last_seq,
                   (SELECT at FROM order_events WHERE order_id = :orderId AND seq = 0) AS placed_at
            FROM orders
            WHERE order_id = :orderId
              AND tenant_id = :tenantId
            FOR UPDATE
            """;
    private static final String UPDATE_PAYMENT = "UPDATE orders\nSET\n" + PAYMENT_COLUMNS + """
            WHERE order_id = :orderId
              AND tenant_id = :tenantId
            """;
    /** A channel's row is replaced by its latest state; a channel once listed stays (no writer drops one). */
    private static final String UPSERT_SYNC = """
            INSERT INTO order_sync (order_id, channel, status, external_id, last_error)
            VALUES (?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE status = VALUES(status), external_id = VALUES(external_id),
                                    last_error = VALUES(last_error)
            """;

    private final JdbcClient jdbc;
    // JdbcClient has no batch API; the batched inserts go through the template underneath.
    private final JdbcTemplate batch;
    private final OrderEventStream events;

    OrderReadModelRepository(JdbcClient jdbc, JdbcTemplate batch, OrderEventStream events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
    }

    /** Inserts the order, its items and its first entry; false (and nothing written) when it exists. */
    @Transactional
    public boolean insertPlaced(PlaceOrder order, TimelineEntry placed) {
        if (!insertOrder(order, placed)) {
            return false;
        }
        events.append(order.tenantId(), order.orderId(), List.of(placed), OrderEventStream.NONE_RECORDED);
        return true;
    }

    /** What {@link #insertPlacedWithProgress} did: whether it inserted the order, and the transition it applied. */
    public record PlacedProgress(boolean inserted, Optional<Transition> transition) {}

    /**
     * An order's first write with its first status: inserts the order and its items (nothing when it exists) and
     * applies {@code progress}, whose entries start with the placement's, in one transaction.
     */
    @Transactional
    public PlacedProgress insertPlacedWithProgress(PlaceOrder order, OrderReadModelActivities.OrderProgress progress) {
        var entries = progress.entries();
        if (entries == null || entries.isEmpty() || entries.getFirst().seq() != 0) {
            throw new IllegalArgumentException(
                    "the first write of order " + order.orderId() + " must carry its placement entry (seq 0) first");
        }
        var placed = entries.getFirst();
        var inserted = insertOrder(order, placed);
        // Just inserted, the row is this transaction's and its state known: nothing to lock or look up.
        var before = inserted
                ? Optional.of(new Locked(OrderStatus.PENDING, placed.seq(), placed.at()))
                : lock(order.tenantId(), order.orderId());
        return new PlacedProgress(inserted, apply(progress, before, inserted));
    }

    /** The order's row, as placed and PENDING, and its items; false (and nothing written) when it exists. */
    private boolean insertOrder(PlaceOrder order, TimelineEntry placed) {
        var fulfilment = order.fulfilment();
        var address = fulfilment.address();
        var customer = order.customer();
        var insert = jdbc.sql(INSERT_ORDER)
                .param("orderId", order.orderId())
                .param("tenantId", order.tenantId())
                .param("status", OrderStatus.PENDING.name())
                .param("channel", order.channel().name())
                .param("customerName", customer == null ? null : customer.name())
                .param("customerEmail", customer == null ? null : customer.email())
                .param("customerPhone", customer == null ? null : customer.phone())
                .param("fulfilmentType", fulfilment.type().name())
                .param("street", address == null ? null : address.street())
                .param("number", address == null ? null : address.number())
                .param("complement", address == null ? null : address.complement())
                .param("city", address == null ? null : address.city())
                .param("postalCode", address == null ? null : address.postalCode())
                .param("tableLabel", fulfilment.table())
                .param("paymentMethod", order.payment().method().name())
                .param("totalCents", order.total().cents())
                .param("currency", order.total().currency())
                .param("workflowId", OrderContract.workflowId(order.tenantId(), order.orderId()))
                .param("seq", placed.seq())
                .param("at", SqlTimes.toSql(order.placedAt() != null ? order.placedAt() : placed.at()));
        try {
            insert.update();
        } catch (DuplicateKeyException e) {
            // Recorded before: items and first entry went in with it. A failed statement does not
            // abort a MySQL transaction, and the exception does not leave this method.
            return false;
        }
        var lines = order.lines();
        var lineNumbers = IntStream.range(0, lines.size()).boxed().toList();
        batch.batchUpdate(INSERT_ITEM, lineNumbers, lines.size(), (ps, i) -> {
            var line = lines.get(i);
            ps.setString(1, order.orderId());
            ps.setInt(2, i + 1);
            ps.setString(3, line.sku());
            ps.setString(4, line.name());
            ps.setInt(5, line.quantity());
            ps.setLong(6, line.unitPrice().cents());
        });
        return true;
    }

    /**
     * What one progress write changed, for the meters: the status before and after, when the order was
     * placed (workflow time of its first entry), and the entries that were new to the read model.
     */
    public record Transition(
            OrderStatus from, OrderStatus to, String reason, Instant placedAt, List<TimelineEntry> added) {}

    private record Locked(OrderStatus status, int lastSeq, Instant placedAt) {}

    /**
     * Appends new entries and, when they carry the highest seq seen, applies the status and summaries.
     * The entries go in last: numbering them locks the tenant's event counter until commit. Returns the
     * transition this call applied; empty when it changed no status (a repeat, a late write, or
     * summaries only).
     */
    @Transactional
    public Optional<Transition> applyProgress(OrderReadModelActivities.OrderProgress progress) {
        return apply(progress, lock(progress.tenantId(), progress.orderId()), false);
    }

    /**
     * One round trip per part that changed: status and payment in one UPDATE, the marketplaces' rows only when
     * the order has any, the entries without looking up which the order has when all are newer than its last.
     *
     * @param newOrder whether this transaction inserted the order's row (then it has no entries yet)
     */
    private Optional<Transition> apply(
            OrderReadModelActivities.OrderProgress progress, Optional<Locked> before, boolean newOrder) {
        var entries = progress.entries() == null ? List.<TimelineEntry>of() : progress.entries();
        var current = before.isPresent() && applyStatus(progress, entries);
        if (current && progress.sync() != null && !progress.sync().isEmpty()) {
            upsertSync(progress.orderId(), progress.sync());
        }
        if (!entries.isEmpty()) {
            // An entry is recorded only with a write whose status applied (then its seq is at most the order's
            // last_seq) or with one a later write overtook (the same): entries all above it are none of them.
            var newest = newOrder
                    ? OrderEventStream.NONE_RECORDED
                    : before.map(Locked::lastSeq).orElse(Integer.MAX_VALUE);
            events.append(progress.tenantId(), progress.orderId(), entries, newest);
        }
        if (!current) {
            return Optional.empty();
        }
        return before.filter(b -> !entries.isEmpty())
                .map(b -> new Transition(
                        b.status(),
                        progress.status(),
                        progress.reason(),
                        b.placedAt(),
                        entries.stream().filter(e -> e.seq() > b.lastSeq()).toList()));
    }

    private Optional<Locked> lock(String tenantId, String orderId) {
        return jdbc.sql(LOCK_ORDER)
                .param("orderId", orderId)
                .param("tenantId", tenantId)
                .query((rs, row) -> new Locked(
                        OrderStatus.valueOf(rs.getString("status")),
                        rs.getInt("last_seq"),
                        SqlTimes.fromSql(rs.getObject("placed_at", LocalDateTime.class))))
                .optional();
    }

    /**
     * Whether the progress is the latest word on the order; then its status and payment are applied, in one
     * statement.
     */
    private boolean applyStatus(OrderReadModelActivities.OrderProgress progress, List<TimelineEntry> entries) {
        var payment = progress.payment();
        if (entries.isEmpty()) {
            // No seq to order it by: the status stays, the summaries are applied as the latest word.
            if (payment != null) {
                paymentParams(jdbc.sql(UPDATE_PAYMENT), payment)
                        .param("orderId", progress.orderId())
                        .param("tenantId", progress.tenantId())
                        .update();
            }
            return true;
        }
        var last = entries.stream()
                .max(Comparator.comparingInt(TimelineEntry::seq))
                .orElseThrow();
        var update =
                payment == null ? jdbc.sql(UPDATE_STATUS) : paymentParams(jdbc.sql(UPDATE_STATUS_AND_PAYMENT), payment);
        return update.param("status", progress.status().name())
                        .param("reason", progress.reason())
                        .param("seq", last.seq())
                        .param("at", SqlTimes.toSql(last.at()))
                        .param("orderId", progress.orderId())
                        .param("tenantId", progress.tenantId())
                        .update()
                == 1;
    }

    private static JdbcClient.StatementSpec paymentParams(JdbcClient.StatementSpec statement, PaymentState payment) {
        return statement
                .param("paymentStatus", payment.status().name())
                .param("chargeId", payment.providerChargeId())
                .param("pixCode", payment.pixCode())
                .param(
                        "charged",
                        payment.charged() == null ? 0 : payment.charged().cents())
                .param(
                        "refunded",
                        payment.refunded() == null ? 0 : payment.refunded().cents());
    }

    private void upsertSync(String orderId, List<MarketplaceSync> sync) {
        batch.batchUpdate(UPSERT_SYNC, sync, sync.size(), (ps, s) -> {
            ps.setString(1, orderId);
            ps.setString(2, s.channel());
            ps.setString(3, s.status().name());
            ps.setString(4, s.externalId());
            ps.setString(5, s.lastError());
        });
    }

    /**
     * Erasure (docs/personal-data.md): the customer's name, e-mail, phone and address leave these orders'
     * rows; status, lines, totals and payment stay for the books. Idempotent.
     *
     * @return rows changed
     */
    @Transactional
    public int anonymizeCustomer(String tenantId, List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        events.anonymizeCustomers(tenantId, orderIds);
        return jdbc.sql(ANONYMIZE_CUSTOMER + ORDERS_AMONG)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .update();
    }

    /** The same for every order of an offboarded tenant. */
    @Transactional
    public int anonymizeCustomers(String tenantId) {
        events.anonymizeCustomers(tenantId);
        return jdbc.sql(ANONYMIZE_CUSTOMER).param("tenantId", tenantId).update();
    }

    private static final String ANONYMIZE_CUSTOMER = """
            UPDATE orders
            SET customer_name = NULL, customer_email = NULL, customer_phone = NULL,
                address_street = NULL, address_number = NULL, address_complement = NULL,
                address_city = NULL, address_postal_code = NULL
            WHERE tenant_id = :tenantId
              AND (customer_name IS NOT NULL OR customer_email IS NOT NULL OR customer_phone IS NOT NULL
                   OR address_street IS NOT NULL)
            """;
    private static final String ORDERS_AMONG = """
              AND order_id IN (:orderIds)
            """;
}
