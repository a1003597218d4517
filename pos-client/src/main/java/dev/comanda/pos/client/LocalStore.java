package dev.comanda.pos.client;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The POS's own database: one SQLite file holding the orders the waiters took (each {@code pending_sync}
 * until the server has answered for it), the catalog and the tenant's orders as last pulled, and the pull
 * cursor. Every change is one SQLite transaction in {@code synchronous=FULL} mode, so an order confirmed to
 * the waiter survives a crash or a power cut, and the pulled data and its cursor never disagree.
 */
public final class LocalStore implements AutoCloseable {

    /** Local states of an order the device took. */
    public static final String PENDING = "pending_sync";

    public static final String SYNCED = "synced";
    public static final String CONFLICT = "conflict";
    public static final String INVALID = "invalid";

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CURSOR = "cursor";

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS local_orders (
                client_order_id TEXT PRIMARY KEY,
                created_at      TEXT NOT NULL,
                payload         TEXT NOT NULL,
                state           TEXT NOT NULL,
                server_order_id TEXT,
                result          TEXT,
                attempts        INTEGER NOT NULL DEFAULT 0,
                acknowledged    INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS ix_local_orders_state ON local_orders (state, created_at);
            CREATE TABLE IF NOT EXISTS catalog (
                sku         TEXT PRIMARY KEY,
                name        TEXT NOT NULL,
                price_cents INTEGER NOT NULL,
                currency    TEXT NOT NULL,
                active      INTEGER NOT NULL,
                available   INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS server_orders (
                order_id        TEXT PRIMARY KEY,
                status          TEXT NOT NULL,
                order_seq       INTEGER NOT NULL,
                device_id       TEXT,
                client_order_id TEXT,
                table_label     TEXT,
                total_cents     INTEGER NOT NULL,
                payload         TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS sync_state (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            """;

    private final Connection connection;

    private LocalStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating when absent) the store in {@code file}. */
    public static LocalStore open(Path file) {
        try {
            var connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
                for (var ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }
            connection.setAutoCommit(false);
            return new LocalStore(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the local store " + file, e);
        }
    }

    /** An order the device took, with its local state and, once answered, the server's answer. */
    public record LocalOrder(
            String clientOrderId,
            Instant createdAt,
            JsonNode payload,
            String state,
            String serverOrderId,
            JsonNode result) {}

    /** A product as the device last pulled it. */
    public record Product(String sku, String name, long priceCents, String currency, boolean active, int available) {}

    /** Keeps a new order as pending_sync; committed to disk before it returns. */
    public synchronized void addOrder(String clientOrderId, Instant createdAt, JsonNode payload) {
        inTransaction(() -> update(
                "INSERT INTO local_orders (client_order_id, created_at, payload, state) VALUES (?, ?, ?, ?)",
                clientOrderId,
                createdAt.toString(),
                JSON.writeValueAsString(payload),
                PENDING));
    }

    /** The oldest pending orders, at most {@code limit}. */
    public synchronized List<LocalOrder> pending(int limit) {
        return orders(
                "SELECT * FROM local_orders WHERE state = ? ORDER BY created_at, client_order_id LIMIT " + limit,
                PENDING);
    }

    public synchronized List<LocalOrder> orders() {
        return orders("SELECT * FROM local_orders ORDER BY created_at, client_order_id");
    }

    /** Orders the server answered with a conflict or refused, that no waiter has acknowledged yet. */
    public synchronized List<LocalOrder> unacknowledgedProblems() {
        return orders(
                "SELECT * FROM local_orders WHERE state IN (?, ?) AND acknowledged = 0 ORDER BY created_at",
                CONFLICT,
                INVALID);
    }

    public synchronized void acknowledge(String clientOrderId) {
        inTransaction(
                () -> update("UPDATE local_orders SET acknowledged = 1 WHERE client_order_id = ?", clientOrderId));
    }

    /** Records the server's answers of one batch, all in one transaction. */
    public synchronized void recordAnswers(Map<String, Answer> answers) {
        inTransaction(() -> answers.forEach((clientOrderId, answer) -> update(
                "UPDATE local_orders SET state = ?, server_order_id = ?, result = ?, attempts = attempts + 1 "
                        + "WHERE client_order_id = ? AND state = ?",
                answer.state(),
                answer.serverOrderId(),
                JSON.writeValueAsString(answer.result()),
                clientOrderId,
                PENDING)));
    }

    /** The local state an answer moves a pending order to. */
    public record Answer(String state, String serverOrderId, JsonNode result) {}

    public synchronized Optional<String> cursor() {
        return query("SELECT value FROM sync_state WHERE key = ?", rs -> rs.getString(1), CURSOR).stream()
                .findFirst();
    }

    public synchronized Map<String, Product> catalog() {
        var products = new LinkedHashMap<String, Product>();
        query(
                        "SELECT * FROM catalog ORDER BY sku",
                        rs -> new Product(
                                rs.getString("sku"),
                                rs.getString("name"),
                                rs.getLong("price_cents"),
                                rs.getString("currency"),
                                rs.getInt("active") == 1,
                                rs.getInt("available")))
                .forEach(p -> products.put(p.sku(), p));
        return products;
    }

    /** The tenant's orders as pulled: order ID → status. */
    public synchronized Map<String, String> serverOrderStatuses() {
        var statuses = new LinkedHashMap<String, String>();
        query(
                        "SELECT order_id, status FROM server_orders ORDER BY order_id",
                        rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> statuses.put(e.getKey(), e.getValue()));
        return statuses;
    }

    /**
     * Applies one pulled page and its cursor in one transaction. With {@code replace} (a snapshot) the
     * pulled tables are emptied first. An order never goes back to an older state than the one kept.
     */
    public synchronized void applyPage(JsonNode page, boolean replace) {
        inTransaction(() -> {
            if (replace) {
                update("DELETE FROM catalog");
                update("DELETE FROM server_orders");
            }
            for (var p : page.path("products")) {
                update(
                        "INSERT INTO catalog (sku, name, price_cents, currency, active, available) VALUES (?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (sku) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents, "
                                + "currency = excluded.currency, active = excluded.active, available = excluded.available",
                        p.get("sku").asString(),
                        p.get("name").asString(),
                        p.get("priceCents").asLong(),
                        p.get("currency").asString(),
                        p.get("active").asBoolean() ? 1 : 0,
                        p.get("available").asInt());
            }
            for (var o : page.path("orders")) {
                update(
                        "INSERT INTO server_orders (order_id, status, order_seq, device_id, client_order_id, table_label, "
                                + "total_cents, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, order_seq = excluded.order_seq, "
                                + "payload = excluded.payload WHERE excluded.order_seq >= server_orders.order_seq",
                        o.get("orderId").asString(),
                        o.get("status").asString(),
                        o.get("orderSeq").asInt(),
                        text(o, "deviceId"),
                        text(o, "clientOrderId"),
                        text(o, "table"),
                        o.get("totalCents").asLong(),
                        JSON.writeValueAsString(o));
            }
            update(
                    "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    CURSOR,
                    page.get("cursor").asString());
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private List<LocalOrder> orders(String sql, Object... params) {
        return query(
                sql,
                rs -> new LocalOrder(
                        rs.getString("client_order_id"),
                        Instant.parse(rs.getString("created_at")),
                        JSON.readTree(rs.getString("payload")),
                        rs.getString("state"),
                        rs.getString("server_order_id"),
                        rs.getString("result") == null ? null : JSON.readTree(rs.getString("result"))),
                params);
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (var statement = prepare(sql, params);
                var rs = statement.executeQuery()) {
            var rows = new ArrayList<T>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            connection.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void update(String sql, Object... params) {
        try (var statement = prepare(sql, params)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        var statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    private void inTransaction(Runnable work) {
        try {
            work.run();
            connection.commit();
        } catch (RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
