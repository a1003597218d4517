package dev.comanda.bench;

import java.sql.Connection;
import java.sql.DriverManager;
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

    Result run(int orders, int threads) throws InterruptedException {
        var next = new AtomicInteger();
        var failure = new java.util.concurrent.atomic.AtomicReference<String>();
        var started = System.nanoTime();
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().name("floor-" + t).start(() -> {
                try (var connection = DriverManager.getConnection(url, user, password)) {
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
        var total = 0L;
        c.setAutoCommit(false);
        var now = Timestamp.from(Instant.now());
        try (var order = c.prepareStatement(INSERT_ORDER);
                var item = c.prepareStatement(INSERT_ITEM)) {
            for (int i = 0; i < lines; i++) {
                item.setString(1, orderId);
                item.setInt(2, i + 1);
                item.setString(3, skus.get(i % skus.size()));
                item.setString(4, "Floor item");
                item.setInt(5, 1);
                item.setLong(6, 1000);
                item.addBatch();
                total += 1000;
            }
            order.setString(1, orderId);
            order.setString(2, tenant);
            order.setLong(3, total);
            order.setString(4, "order-" + tenant + "-" + orderId);
            order.setTimestamp(5, now);
            order.setTimestamp(6, now);
            order.executeUpdate();
            item.executeBatch();
            event(c, orderId, 1, "PLACED", "PENDING");
        }
        c.commit();

        var reservation = orderId + ":reservation";
        try (var insert = c.prepareStatement(INSERT_RESERVATION);
                var reserve = c.prepareStatement(RESERVE_STOCK);
                var line = c.prepareStatement(INSERT_LINE)) {
            insert.setString(1, reservation);
            insert.setString(2, tenant);
            insert.setString(3, orderId);
            insert.setTimestamp(4, Timestamp.from(Instant.now().plusSeconds(900)));
            insert.executeUpdate();
            for (int i = 0; i < lines; i++) {
                var sku = skus.get(i % skus.size());
                reserve.setInt(1, 1);
                reserve.setInt(2, 1);
                reserve.setString(3, tenant);
                reserve.setString(4, sku);
                reserve.setInt(5, 1);
                if (reserve.executeUpdate() != 1) {
                    throw new SQLException("floor ran out of stock of " + sku);
                }
                line.setString(1, reservation);
                line.setString(2, sku);
                line.setInt(3, 1);
                line.executeUpdate();
                movement(c, sku, "RESERVE", reservation);
            }
        }
        c.commit();

        var chargeKey = orderId + ":charge";
        try (var payment = c.prepareStatement(INSERT_PAYMENT)) {
            payment.setString(1, tenant);
            payment.setString(2, orderId);
            payment.setString(3, chargeKey);
            payment.setLong(4, total);
            payment.executeUpdate();
        }
        c.commit();
        try (var succeeded = c.prepareStatement(PAYMENT_SUCCEEDED)) {
            succeeded.setString(1, "ch_" + orderId);
            succeeded.setString(2, chargeKey);
            succeeded.executeUpdate();
        }
        c.commit();

        try (var commit = c.prepareStatement(COMMIT_RESERVATION);
                var stock = c.prepareStatement(COMMIT_STOCK)) {
            commit.setString(1, reservation);
            commit.setString(2, tenant);
            commit.executeUpdate();
            for (int i = 0; i < lines; i++) {
                var sku = skus.get(i % skus.size());
                stock.setInt(1, 1);
                stock.setInt(2, 1);
                stock.setString(3, tenant);
                stock.setString(4, sku);
                stock.setInt(5, 1);
                stock.executeUpdate();
                movement(c, sku, "COMMIT", reservation);
            }
        }
        c.commit();

        var seq = 1;
        lock(c, orderId);
        event(c, orderId, ++seq, "RESERVED", "PENDING");
        event(c, orderId, ++seq, "CHARGED", "PENDING");
        event(c, orderId, ++seq, "CONFIRMED", "CONFIRMED");
        try (var payment = c.prepareStatement(UPDATE_PAYMENT)) {
            payment.setString(1, "ch_" + orderId);
            payment.setLong(2, total);
            payment.setString(3, orderId);
            payment.setString(4, tenant);
            payment.executeUpdate();
        }
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

    private void event(Connection c, String orderId, int seq, String step, String status) throws SQLException {
        try (var event = c.prepareStatement(INSERT_EVENT)) {
            event.setString(1, orderId);
            event.setInt(2, seq);
            event.setString(3, tenant);
            event.setString(4, step);
            event.setString(5, status);
            event.setTimestamp(6, Timestamp.from(Instant.now()));
            event.executeUpdate();
        }
    }

    private void movement(Connection c, String sku, String kind, String reference) throws SQLException {
        try (var movement = c.prepareStatement(INSERT_MOVEMENT)) {
            movement.setString(1, tenant);
            movement.setString(2, sku);
            movement.setString(3, kind);
            movement.setInt(4, 1);
            movement.setString(5, reference);
            movement.executeUpdate();
        }
    }

    private void lock(Connection c, String orderId) throws SQLException {
        try (var lock = c.prepareStatement(LOCK_ORDER)) {
            lock.setString(1, orderId);
            lock.setString(2, tenant);
            lock.executeQuery().close();
        }
    }

    private void status(Connection c, String orderId, String status, int seq) throws SQLException {
        try (var update = c.prepareStatement(UPDATE_STATUS)) {
            update.setString(1, status);
            update.setInt(2, seq);
            update.setTimestamp(3, Timestamp.from(Instant.now()));
            update.setString(4, orderId);
            update.setString(5, tenant);
            update.setInt(6, seq);
            update.executeUpdate();
        }
    }

    private void notification(Connection c, String orderId, String kind) throws SQLException {
        try (var claim = c.prepareStatement(CLAIM_NOTIFICATION);
                var sent = c.prepareStatement(NOTIFICATION_SENT)) {
            claim.setString(1, tenant);
            claim.setString(2, orderId);
            claim.setString(3, kind);
            claim.executeUpdate();
            c.commit();
            sent.setString(1, orderId);
            sent.setString(2, kind);
            sent.executeUpdate();
            c.commit();
        }
    }

    private static byte[] randomBytes(ThreadLocalRandom random) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
