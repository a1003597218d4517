package dev.comanda.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor: an order's SQL effects written straight through JDBC, with no API, no Temporal and no
 * payment provider — the same rows and the same transactions the workflow's activities write (placed
 * order, items and timeline; conditional stock reserve with reservation rows and movements; payment row;
 * commit; a notification claimed and sent; one status change per kitchen move). Its rate is what the
 * database alone allows on this machine; the run's rate divided by it is the price of orchestration.
 */
final class JdbcFloor {

    private static final String INSERT_ORDER = """
            INSERT INTO orders (order_id, tenant_id, status, channel, customer_name, customer_email,
                                fulfilment_type, payment_method, total_cents, currency, workflow_id,
                                last_seq, created_at, updated_at)
            VALUES (?, ?, 'PENDING', 'WEB', 'Floor Customer', 'floor@example.com', 'TAKEAWAY', 'CARD', ?, 'BRL', ?,
                    1, ?, ?)
            """;
    private static final String INSERT_ITEM = """
            INSERT INTO order_items (order_id, line_no, sku, name, quantity, unit_price_cents)
            VALUES (?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_EVENT = """
            INSERT INTO order_events (order_id, seq, tenant_id, step, status, at, detail)
            VALUES (?, ?, ?, ?, ?, ?, NULL)
            ON DUPLICATE KEY UPDATE seq = seq
            """;
    private static final String INSERT_RESERVATION = """
            INSERT INTO reservations (reservation_key, tenant_id, order_id, status, expires_at, created_at, updated_at)
            VALUES (?, ?, ?, 'RESERVED', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """;
    private static final String RESERVE_STOCK = """
            UPDATE stock
            SET available = available - ?, reserved = reserved + ?, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = ? AND sku = ? AND available >= ?
            """;
    private static final String INSERT_LINE = """
            INSERT INTO reservation_lines (reservation_key, sku, quantity) VALUES (?, ?, ?)
            """;
    private static final String INSERT_MOVEMENT = """
            INSERT INTO stock_movements (tenant_id, sku, kind, quantity, reference, created_at)
            VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            """;
    private static final String INSERT_PAYMENT = """
            INSERT INTO payments (tenant_id, order_id, kind, idempotency_key, method, amount_cents, currency,
                                  status, request_body, created_at, updated_at)
            VALUES (?, ?, 'CHARGE', ?, 'CARD', ?, 'BRL', 'REQUESTED', '{}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """;
    private static final String PAYMENT_SUCCEEDED = """
            UPDATE payments SET status = 'SUCCEEDED', provider_id = ?, updated_at = UTC_TIMESTAMP(6)
            WHERE idempotency_key = ? AND status = 'REQUESTED'
            """;
    private static final String COMMIT_RESERVATION = """
            UPDATE reservations SET status = 'COMMITTED', updated_at = UTC_TIMESTAMP(6)
            WHERE reservation_key = ? AND tenant_id = ? AND status = 'RESERVED'
            """;
    private static final String COMMIT_STOCK = """
            UPDATE stock
            SET reserved = reserved - ?, sold = sold + ?, updated_at = UTC_TIMESTAMP(6)
            WHERE tenant_id = ? AND sku = ? AND reserved >= ?
            """;
    private static final String LOCK_ORDER =
            "SELECT last_seq FROM orders WHERE order_id = ? AND tenant_id = ? FOR UPDATE";
    private static final String UPDATE_STATUS = """
            UPDATE orders SET status = ?, last_seq = ?, updated_at = ?
            WHERE order_id = ? AND tenant_id = ? AND last_seq <= ?
            """;
    private static final String UPDATE_PAYMENT = """
            UPDATE orders SET payment_status = 'SUCCEEDED', provider_charge_id = ?, charged_cents = ?
            WHERE order_id = ? AND tenant_id = ?
            """;
    private static final String CLAIM_NOTIFICATION = """
            INSERT INTO notifications (tenant_id, order_id, kind, recipient, channel, status, attempts, claimed_at,
                                       created_at)
            VALUES (?, ?, ?, 'floor@example.com', 'EMAIL', 'SENDING', 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """;
    private static final String NOTIFICATION_SENT = """
            UPDATE notifications SET status = 'SENT', sent_at = UTC_TIMESTAMP(6)
            WHERE order_id = ? AND kind = ? AND recipient = 'floor@example.com'
            """;

    /** The floor's outcome: orders written, how long it took, and orders per second. */
    record Result(int orders, double seconds, double ordersPerSecond) {}

    private final String url;
    private final String user;
    private final String password;
    private final String tenant;
    private final List<String> skus;
    private final boolean kitchen;

    JdbcFloor(String url, String user, String password, String tenant, List<String> skus, boolean kitchen) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.tenant = tenant;
        this.skus = List.copyOf(skus);
        this.kitchen = kitchen;
    }

    /** The credentials and the same Connector/J settings the apps' pools use (api-facade.yml, workers.yml). */
    private java.util.Properties connectionProperties() {
        var properties = new java.util.Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("cachePrepStmts", "true");
        properties.setProperty("prepStmtCacheSize", "250");
        properties.setProperty("prepStmtCacheSqlLimit", "2048");
        properties.setProperty("useLocalSessionState", "true");
        properties.setProperty("cacheServerConfiguration", "true");
        properties.setProperty("maintainTimeStats", "false");
        return properties;
    }

    Result run(int orders, int threads) throws InterruptedException {
        var next = new AtomicInteger();
        var failure = new java.util.concurrent.atomic.AtomicReference<String>();
        var started = System.nanoTime();
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().name("floor-" + t).start(() -> {
                try (var connection = DriverManager.getConnection(url, connectionProperties())) {
                    while (next.getAndIncrement() < orders) {
                        order(connection);
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e.getMessage());
                }
            });
        }
        for (var worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a floor order failed: " + failure.get());
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        return new Result(orders, seconds, Math.round(orders / seconds * 10) / 10.0);
    }

    /** One order, transaction by transaction as the workflow's activities write it. */
    void order(Connection c) throws SQLException {
        var random = ThreadLocalRandom.current();
        var orderId = HexFormat.of().formatHex(randomBytes(random));
        var lines = random.nextInt(1, 4);
        var total = 1000L * lines;
        c.setAutoCommit(false);
        var now = Timestamp.from(Instant.now());
        update(c, INSERT_ORDER, orderId, tenant, total, "order-" + tenant + "-" + orderId, now, now);
        try (var item = c.prepareStatement(INSERT_ITEM)) {
            for (int i = 0; i < lines; i++) {
                bind(item, orderId, i + 1, sku(i), "Floor item", 1, 1000L);
                item.addBatch();
            }
            item.executeBatch();
        }
        event(c, orderId, 1, "PLACED", "PENDING");
        c.commit();

        var reservation = orderId + ":reservation";
        update(
                c,
                INSERT_RESERVATION,
                reservation,
                tenant,
                orderId,
                Timestamp.from(Instant.now().plusSeconds(900)));
        for (int i = 0; i < lines; i++) {
            if (update(c, RESERVE_STOCK, 1, 1, tenant, sku(i), 1) != 1) {
                throw new SQLException("floor ran out of stock of " + sku(i));
            }
            update(c, INSERT_LINE, reservation, sku(i), 1);
            update(c, INSERT_MOVEMENT, tenant, sku(i), "RESERVE", 1, reservation);
        }
        c.commit();

        var chargeKey = orderId + ":charge";
        update(c, INSERT_PAYMENT, tenant, orderId, chargeKey, total);
        c.commit();
        update(c, PAYMENT_SUCCEEDED, "ch_" + orderId, chargeKey);
        c.commit();

        update(c, COMMIT_RESERVATION, reservation, tenant);
        for (int i = 0; i < lines; i++) {
            update(c, COMMIT_STOCK, 1, 1, tenant, sku(i), 1);
            update(c, INSERT_MOVEMENT, tenant, sku(i), "COMMIT", 1, reservation);
        }
        c.commit();

        var seq = 1;
        lock(c, orderId);
        event(c, orderId, ++seq, "RESERVED", "PENDING");
        event(c, orderId, ++seq, "CHARGED", "PENDING");
        event(c, orderId, ++seq, "CONFIRMED", "CONFIRMED");
        update(c, UPDATE_PAYMENT, "ch_" + orderId, total, orderId, tenant);
        status(c, orderId, "CONFIRMED", seq);
        c.commit();
        notification(c, orderId, "CONFIRMED");

        if (kitchen) {
            for (var move : List.of("ACCEPTED", "PREPARING", "READY", "PICKED_UP", "COMPLETED")) {
                lock(c, orderId);
                event(c, orderId, ++seq, move, move);
                status(c, orderId, move, seq);
                c.commit();
                if (move.equals("READY")) {
                    notification(c, orderId, "READY");
                }
            }
        }
        c.setAutoCommit(true);
    }

    private String sku(int line) {
        return skus.get(line % skus.size());
    }

    private void event(Connection c, String orderId, int seq, String step, String status) throws SQLException {
        update(c, INSERT_EVENT, orderId, seq, tenant, step, status, Timestamp.from(Instant.now()));
    }

    private void lock(Connection c, String orderId) throws SQLException {
        try (var lock = c.prepareStatement(LOCK_ORDER)) {
            bind(lock, orderId, tenant);
            lock.executeQuery().close();
        }
    }

    private void status(Connection c, String orderId, String status, int seq) throws SQLException {
        update(c, UPDATE_STATUS, status, seq, Timestamp.from(Instant.now()), orderId, tenant, seq);
    }

    /** Claimed in one transaction, marked sent in the next, as the notification activity does. */
    private void notification(Connection c, String orderId, String kind) throws SQLException {
        update(c, CLAIM_NOTIFICATION, tenant, orderId, kind);
        c.commit();
        update(c, NOTIFICATION_SENT, orderId, kind);
        c.commit();
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (var statement = c.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private static byte[] randomBytes(ThreadLocalRandom random) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
