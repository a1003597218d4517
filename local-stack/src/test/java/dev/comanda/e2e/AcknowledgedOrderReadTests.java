package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.ApiApplication;
import dev.comanda.client.ComandaClient;
import dev.comanda.devservices.DatabaseMode;
import dev.comanda.devservices.RedisMode;
import dev.comanda.local.LocalStack;
import dev.comanda.local.LocalStackOptions;
import dev.comanda.local.TestTemporal;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An order the API acknowledged is readable at once, whatever the backlog: here no worker runs at all,
 * so the workflow never writes its first read-model row and cannot answer a query — the read answers
 * the PENDING order the placement acknowledged, not 503.
 */
@Tag("e2e")
class AcknowledgedOrderReadTests {

    private static final String OPERATOR_KEY = "op-" + E2eStack.randomHex();

    @TempDir
    static Path localDir;

    private static TestDatabase database;
    private static LocalStack stack;
    private static ConfigurableApplicationContext api;
    private static ComandaClient client;

    @BeforeAll
    static void startTheApiWithoutWorkers() {
        database = TestDatabase.create();
        stack = LocalStack.start(new LocalStackOptions(
                TestTemporal.devServer(localDir.resolve("temporal")),
                new LocalStackOptions.Database(
                        database.url(), true, database.user(), database.password(), DatabaseMode.EXISTING, 0, localDir),
                new LocalStackOptions.Redis(TestRedis.url(), RedisMode.EXISTING, 0)));
        var args = new ArrayList<String>();
        Map.of(
                        "server.port", String.valueOf(FreePorts.next()),
                        "management.server.port", "0",
                        "spring.datasource.url", stack.jdbcUrl(),
                        "spring.datasource.username", stack.dbUser(),
                        "spring.datasource.password", stack.dbPassword(),
                        "spring.temporal.connection.target", stack.temporalAddress(),
                        "comanda.redis.url", stack.redisUrl(),
                        "comanda.api.operator-key", OPERATOR_KEY,
                        "comanda.api.redis-prefix", "ack" + E2eStack.randomHex() + ":")
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        api = ApiApplication.application().run(args.toArray(String[]::new));
        client = E2eStack.client("http://127.0.0.1:" + api.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anAcknowledgedOrderReadsAsPendingWhileNoWorkerHasRunIt() {
        var tenant = TestTenant.onboard(client, OPERATOR_KEY, "ack-" + E2eStack.randomHex())
                .withProduct("PIE", 2_500, 5);
        var placed = new Orders(client)
                .place(tenant.customer(), "key-1", OrderRequest.takeaway().item("PIE", 1));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        var id = placed.json().get("id").asString();

        var read = client.withToken(tenant.customer()).raw().get("/api/v1/orders/" + id);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(read.json().get("id").asString()).isEqualTo(id);
        assertThat(read.json().path("total").path("cents").asLong()).isEqualTo(2_500);
        // Another tenant learns nothing of it.
        var stranger = TestTenant.onboard(client, OPERATOR_KEY, "other-" + E2eStack.randomHex());
        assertThat(client.withToken(stranger.customer())
                        .raw()
                        .get("/api/v1/orders/" + id)
                        .status())
                .isEqualTo(404);
    }
}
