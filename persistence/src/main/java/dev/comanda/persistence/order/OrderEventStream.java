package dev.comanda.persistence.order;

import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one writer of the tenant's event stream ({@code order_events}, {@code stock_events} and their
 * counter {@code order_event_counters}): appends timeline entries for the read model and stock events
 * for the stock moves, numbering both in the tenant's one sequence. The tenant's counter row is bumped
 * in the caller's transaction and stays locked until it commits, so the numbers are gap-free in commit
 * order (V3__order_event_stream.sql says why an AUTO_INCREMENT id would not be). The cost: one tenant's
 * stream writes commit one at a time from the bump on, which is why callers append last, just before
 * commit.
 */
@Repository
public class OrderEventStream {

    private static final String RECORDED = """
            SELECT seq
            FROM order_events
            WHERE order_id = :orderId
            """;
    /**
     * Bumps the tenant's counter and answers its new value in the same round trip: {@code LAST_INSERT_ID(expr)}
     * sets the value the server reports back as the statement's insert ID (MySQL's and MariaDB's idiom for
     * a sequence table), which the driver hands over as the generated key.
     */
    private static final String BUMP_COUNTER = """
            INSERT INTO order_event_counters (tenant_id, last_seq)
            VALUES (:tenantId, LAST_INSERT_ID(:count))
            ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + :count)
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO order_events (order_id, seq, tenant_id, tenant_seq, step, status, at, detail,
                                      by_kind, by_id, by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_STOCK_EVENT = """
            INSERT INTO stock_events (tenant_id, tenant_seq, sku, step, available, at)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    /** A signed-in customer's timeline entries name it by its e-mail (ActingParty); its ID stays. */
    private static final String ANONYMIZE_CUSTOMERS = """
            UPDATE order_events
            SET by_name = NULL
            WHERE tenant_id = :tenantId
              AND by_kind = 'CUSTOMER'
              AND by_name IS NOT NULL
            """;

    private static final String ORDERS_AMONG = """
              AND order_id IN (:orderIds)
            """;

    /** {@link #append}'s {@code newestRecorded} for an order that has no entry yet. */
    static final int NONE_RECORDED = -1;

    private final JdbcClient jdbc;
    // JdbcClient has no batch API; the batched insert goes through the template underneath.
    private final JdbcTemplate batch;
    private final OrderEventPublisher publisher;

    OrderEventStream(JdbcClient jdbc, JdbcTemplate batch, OrderEventPublisher publisher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.publisher = publisher;
    }

    /**
     * Inserts the entries the order does not have yet and publishes them after commit. The caller's
     * transaction must hold the order's row (inserted or locked FOR UPDATE): that makes "not yet
     * recorded" stable until commit, so a retried call numbers nothing twice.
     *
     * @param newestRecorded the order has no entry above it (its row's {@code last_seq}, read under the row's lock):
     *     when every entry is above it, which the order has is not looked up ({@link #NONE_RECORDED} for an
     *     order whose row the caller's transaction has just inserted)
     */
    void append(String tenantId, String orderId, List<TimelineEntry> entries, int newestRecorded) {
        requireTransaction();
        if (entries.stream().allMatch(entry -> entry.seq() > newestRecorded)) {
            insert(tenantId, orderId, entries, new HashSet<>());
            return;
        }
        var recorded = new HashSet<>(jdbc.sql(RECORDED)
                .param("orderId", orderId)
                .query(Integer.class)
                .list());
        insert(tenantId, orderId, entries, recorded);
    }

    private void insert(String tenantId, String orderId, List<TimelineEntry> entries, Set<Integer> recorded) {
        var fresh = new ArrayList<TimelineEntry>();
        for (var entry : entries.stream()
                .sorted(Comparator.comparingInt(TimelineEntry::seq))
                .toList()) {
            if (recorded.add(entry.seq())) {
                fresh.add(entry);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        long first = number(tenantId, fresh.size());
        var events = new ArrayList<OrderEvent>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            events.add(OrderEvent.of(tenantId, first + i, orderId, fresh.get(i)));
        }
        batch.batchUpdate(INSERT_EVENT, events, events.size(), (ps, e) -> {
            ps.setString(1, orderId);
            ps.setInt(2, e.orderSeq());
            ps.setString(3, tenantId);
            ps.setLong(4, e.seq());
            ps.setString(5, e.step());
            ps.setString(6, e.status().name());
            ps.setString(7, SqlTimes.toSql(e.at()));
            ps.setString(8, e.detail());
            var by = e.by();
            ps.setString(9, by == null || by.kind() == null ? null : by.kind().name());
            ps.setString(10, by == null ? null : ActingParties.clip(by.id(), 64));
            ps.setString(11, by == null ? null : ActingParties.clip(by.name(), 254));
        });
        publisher.publishAfterCommit(tenantId, events);
    }

    /**
     * Appends the stock events of a stock move ({@code levels}, all of one tenant) and publishes them
     * after commit. Called last in the move's transaction, which holds the stock rows: the events
     * commit (or roll back) with the move, and the tenant's counter stays locked only until commit.
     */
    public void appendStock(String tenantId, List<StockLevel> levels) {
        requireTransaction();
        if (levels.isEmpty()) {
            return;
        }
        long first = number(tenantId, levels.size());
        // Microseconds, as the column keeps them: an event read back equals the one published.
        var at = SqlTimes.micros(Instant.now());
        var events = new ArrayList<OrderEvent>(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            events.add(OrderEvent.ofStock(tenantId, first + i, levels.get(i), at));
        }
        batch.batchUpdate(INSERT_STOCK_EVENT, events, events.size(), (ps, e) -> {
            ps.setString(1, tenantId);
            ps.setLong(2, e.seq());
            ps.setString(3, e.stock().sku());
            ps.setString(4, e.step());
            ps.setInt(5, e.stock().available());
            ps.setString(6, SqlTimes.toSql(e.at()));
        });
        publisher.publishAfterCommit(tenantId, events);
    }

    /** Hands out {@code count} numbers of the tenant's stream; returns the first. The counter row stays locked. */
    private long number(String tenantId, int count) {
        var last = new GeneratedKeyHolder();
        jdbc.sql(BUMP_COUNTER).param("tenantId", tenantId).param("count", count).update(last);
        // An update of the row counts as two affected rows, for which the driver reports two keys from the
        // insert ID on: the first is the counter's value.
        var keys = last.getKeyList();
        if (keys.isEmpty()) {
            throw new IllegalStateException("the counter of tenant " + tenantId + " reported no value");
        }
        long value = ((Number) keys.getFirst().values().iterator().next()).longValue();
        return value - count + 1;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are numbered in the transaction that records them");
        }
    }

    /**
     * Erasure (docs/personal-data.md): the timeline entries a signed-in customer asked for (a cancellation)
     * keep who it was as an account ID, not its e-mail. Idempotent.
     */
    void anonymizeCustomers(String tenantId, List<String> orderIds) {
        jdbc.sql(ANONYMIZE_CUSTOMERS + ORDERS_AMONG)
                .param("tenantId", tenantId)
                .param("orderIds", orderIds)
                .update();
    }

    /** The same for every entry of an offboarded tenant. */
    void anonymizeCustomers(String tenantId) {
        jdbc.sql(ANONYMIZE_CUSTOMERS).param("tenantId", tenantId).update();
    }
}
