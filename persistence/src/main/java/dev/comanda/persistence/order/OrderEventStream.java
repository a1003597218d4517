package dev.comanda.persistence.order;

import dev.comanda.order.TimelineEntry;
import dev.comanda.persistence.jdbc.SqlTimes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends timeline entries to {@code order_events} and numbers the new ones in the tenant's event
 * stream. The tenant's counter row is bumped in the caller's transaction and stays locked until it
 * commits, so the numbers are gap-free in commit order (V3__order_event_stream.sql says why an
 * AUTO_INCREMENT id would not be). The cost: one tenant's read-model writes commit one at a time from
 * the bump on, which is why callers append last, just before commit.
 */
@Repository
class OrderEventStream {

    private static final String RECORDED = """
            SELECT seq
            FROM order_events
            WHERE order_id = :orderId
            """;
    private static final String BUMP_COUNTER = """
            INSERT INTO order_event_counters (tenant_id, last_seq)
            VALUES (:tenantId, :count)
            ON DUPLICATE KEY UPDATE last_seq = last_seq + :count
            """;
    private static final String COUNTER = """
            SELECT last_seq
            FROM order_event_counters
            WHERE tenant_id = :tenantId
            """;
    private static final String INSERT_EVENT = """
            INSERT INTO order_events (order_id, seq, tenant_id, tenant_seq, step, status, at, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

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
     */
    void append(String tenantId, String orderId, List<TimelineEntry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are numbered in the transaction that records them");
        }
        var recorded = new HashSet<>(jdbc.sql(RECORDED)
                .param("orderId", orderId)
                .query(Integer.class)
                .list());
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
        jdbc.sql(BUMP_COUNTER)
                .param("tenantId", tenantId)
                .param("count", fresh.size())
                .update();
        long last =
                jdbc.sql(COUNTER).param("tenantId", tenantId).query(Long.class).single();
        long first = last - fresh.size() + 1;
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
        });
        publisher.publishAfterCommit(tenantId, events);
    }
}
