package dev.comanda.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows orders through the read model — the rows {@code GET /api/v1/orders} answers from — by polling
 * their status by primary key. Polling {@code GET /orders/{id}} instead would run a workflow query for
 * every poll of a live order, a workflow task on the Temporal service that the benchmark would then be
 * measuring itself with.
 */
final class Follower implements AutoCloseable {

    /** Told each status an order is seen in, once per change, with the {@link System#nanoTime()} it was seen. */
    interface Listener {
        void seen(String status, long nanos);
    }

    private static final int CHUNK = 500;

    private final Connection connection;
    private final long pollNanos;
    private final Map<String, Watch> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile String lastFailure;
    private final AtomicLong failedPolls = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();

    private static final class Watch {
        final Listener listener;
        String last;

        Watch(Listener listener) {
            this.listener = listener;
        }
    }

    Follower(String url, String user, String password, java.time.Duration poll) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setAutoCommit(true);
        this.pollNanos = poll.toNanos();
        this.thread = Thread.ofPlatform().name("follower").daemon().start(this::run);
    }

    void watch(String orderId, Listener listener) {
        watched.put(orderId, new Watch(listener));
    }

    void unwatch(String orderId) {
        watched.remove(orderId);
    }

    int watching() {
        return watched.size();
    }

    /** Polling rounds that failed since the follower started: a phase compares the count at its ends. */
    long failedPolls() {
        return failedPolls.get();
    }

    /**
     * Statements this follower has sent the database since it started, so a step's count of the server's
     * statements per order can leave the generator's own polling out.
     */
    long statements() {
        return statements.get();
    }

    /** The last polling error ever seen, or null. */
    String lastFailure() {
        return lastFailure;
    }

    /** The last polling error, if polling has been failing. */
    String failure() {
        return failure;
    }

    private void run() {
        while (running) {
            var started = System.nanoTime();
            var ids = new ArrayList<>(watched.keySet());
            try {
                for (int i = 0; i < ids.size(); i += CHUNK) {
                    poll(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
                }
                failure = null;
            } catch (SQLException e) {
                failure = e.getMessage();
                lastFailure = failure;
                failedPolls.incrementAndGet();
            }
            var left = pollNanos - (System.nanoTime() - started);
            if (left > 0) {
                LockSupport.parkNanos(left);
            }
        }
    }

    private void poll(List<String> ids) throws SQLException {
        var sql = "SELECT order_id, status FROM orders WHERE order_id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setString(i + 1, ids.get(i));
            }
            statements.incrementAndGet();
            try (var rows = statement.executeQuery()) {
                var seenAt = System.nanoTime();
                while (rows.next()) {
                    var watch = watched.get(rows.getString(1));
                    var status = rows.getString(2);
                    if (watch != null && !status.equals(watch.last)) {
                        watch.last = status;
                        watch.listener.seen(status, seenAt);
                    }
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
