package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.comanda.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens are secrets: they are shown once at onboarding, stored only as SHA-256 hashes, and
 * never written to a log, whatever the request does with them (succeeds, is refused, fails).
 */
@EndToEnd
class TokenSecrecyTests {

    /** Loggers turned up to DEBUG while the test runs, so a token logged at any level is seen. */
    private static final List<String> WATCHED = List.of("dev.comanda", "org.springframework.web", "io.temporal");

    private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private static final Map<String, Level> levels = new java.util.HashMap<>();
    private static E2eStack stack;
    private static TestTenant tenant;

    @BeforeAll
    static void captureLogsAndExerciseTokens(E2eStack shared) {
        stack = shared;
        captured.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(captured);
        for (var name : WATCHED) {
            var logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        tenant = stack.newTenant("secrets").withProduct("PIZZA", 4_500, 20);
        var orders = new Orders(stack.api());
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        orders.move(tenant.customer(), orderId, OrderStatus.ACCEPTED); // 403
        stack.api().withToken(tenant.ops()).raw().get("/api/v1/orders/" + orderId + "/history");
        stack.api().withToken(tenant.admin()).raw().get("/api/v1/orders?page=0"); // 400
        orders.place(tenant.kitchen(), null, "{\"broken\":"); // 400
        stack.api().withToken(tenant.customer() + "x").raw().get("/api/v1/orders"); // 401: a near miss of a real token
    }

    @AfterAll
    static void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        captured.stop();
    }

    @Test
    void noTokenAppearsInAnyLogLine() {
        assertThat(captured.list)
                .as("log events captured while tokens were used")
                .isNotEmpty();
        for (var event : List.copyOf(captured.list)) {
            var text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (var token : tenant.tokens().values()) {
                assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain(token);
            }
        }
    }

    @Test
    void tokensAreStoredOnlyAsTheirSha256() {
        var stored = stack.jdbc()
                .sql("SELECT token_hash, name FROM api_tokens WHERE tenant_id = ?")
                .param(tenant.id())
                .query((rs, n) -> rs.getString("token_hash") + " " + rs.getString("name"))
                .list();

        assertThat(stored).hasSize(tenant.tokens().size());
        assertThat(stored.stream().map(row -> row.substring(0, 64)))
                .containsExactlyInAnyOrderElementsOf(tenant.tokens().values().stream()
                        .map(TokenSecrecyTests::sha256)
                        .toList());
        for (var token : tenant.tokens().values()) {
            assertThat(stored).noneMatch(row -> row.contains(token));
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
