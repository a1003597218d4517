package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.RawApi;
import dev.comanda.local.TestTemporal;
import dev.comanda.order.OrderStatus;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * No lost order across a crash of the whole local run: {@code ./comanda-local} as its own process, with
 * card orders mid-charge, PIX orders waiting for payment and orders in the kitchen, is killed with
 * {@code kill -9} together with its Temporal dev server, then started again on the same data folder.
 * Every acknowledged order goes on and ends terminal, with stock conserved and no money out of place.
 */
@Tag("e2e")
class CrashRestartTests {

    private static final int INITIAL_STOCK = 100;
    private static final long PRICE_CENTS = 4_000;
    /** Slow enough that card charges are still in flight when the run is killed. */
    private static final String CHARGE_LATENCY_MS = "1500";
    /** Long enough for a restart plus the workflows' catch-up on a loaded machine. */
    private static final Duration AFTER_RESTART = Duration.ofMinutes(2);

    @TempDir
    Path localDir;

    private TestDatabase database;
    private LocalRunProcess run;

    @AfterEach
    void cleanUp() {
        if (run != null) {
            run.crash();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyAcknowledgedOrderEndsTerminalAfterAKillMinusNineOfTheRunAndItsTemporal() throws Exception {
        database = TestDatabase.create();
        var apiPort = FreePorts.next();
        var environment = environment(apiPort);
        var log = localDir.resolve("local-run.log");
        run = LocalRunProcess.start(environment, apiPort, log);

        var api = E2eStack.client("http://127.0.0.1:" + apiPort);
        var orders = new Orders(api);
        var tenant = TestTenant.onboard(api, environment.get("COMANDA_OPERATOR_KEY"), "crash-" + E2eStack.randomHex())
                .withProduct("PIZZA", PRICE_CENTS, INITIAL_STOCK);

        var inKitchen = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            inKitchen.add(
                    orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1)));
        }
        var cash = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            cash.add(orders.placeNew(
                    tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).cash()));
        }
        var pix = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            pix.add(orders.placeNew(
                    tenant.customer(), OrderRequest.takeaway().item("PIZZA", 2).pix()));
        }
        for (var id : inKitchen) {
            orders.awaitStatus(tenant.customer(), id, OrderStatus.CONFIRMED);
            assertThat(orders.move(tenant.kitchen(), id, OrderStatus.ACCEPTED).status())
                    .isEqualTo(200);
        }
        for (var id : pix) {
            orders.await(
                    tenant.customer(),
                    id,
                    "a pending PIX charge",
                    order -> "PENDING"
                            .equals(order.path("payment").path("status").asString()));
        }
        var midCharge = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            midCharge.add(
                    orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1)));
        }

        run.crash();
        assertThat(run.anythingAlive()).isFalse();
        run = LocalRunProcess.start(environment, apiPort, log);

        var patient = new Orders(api, AFTER_RESTART);
        for (var id : inKitchen) {
            for (var step : List.of(OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP)) {
                assertThat(patient.moveWhenAnswered(tenant.kitchen(), id, step)).isEqualTo(200);
            }
        }
        for (var id : cash) {
            for (var step :
                    List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP)) {
                assertThat(patient.moveWhenAnswered(tenant.kitchen(), id, step)).isEqualTo(200);
            }
        }
        // Two PIX orders are paid after the restart (the provider's webhook reaches the new run), two are
        // cancelled by the customer while still waiting: their charges are voided.
        for (var id : pix.subList(0, 2)) {
            var chargeId = orders.get(tenant.customer(), id)
                    .path("payment")
                    .path("providerChargeId")
                    .asString();
            var confirmed = api.raw()
                    .send(
                            "POST",
                            environment.get("SANDBOX_URL") + "/v1/charges/" + chargeId + "/confirm",
                            RawApi.bearer("sk_test_comanda"),
                            null);
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            patient.awaitStatus(tenant.customer(), id, OrderStatus.CONFIRMED);
        }
        for (var id : pix.subList(2, 4)) {
            assertThat(patient.cancelWhenAnswered(tenant.customer(), id)).isEqualTo(200);
        }
        // The charges that were in flight at the crash complete; half of those orders are then cancelled.
        for (var id : midCharge) {
            patient.awaitStatus(tenant.customer(), id, OrderStatus.CONFIRMED);
        }
        for (var id : midCharge.subList(0, 2)) {
            assertThat(patient.cancelWhenAnswered(tenant.kitchen(), id)).isEqualTo(200);
        }
        for (var id : midCharge.subList(2, 4)) {
            for (var step :
                    List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.PICKED_UP)) {
                assertThat(patient.moveWhenAnswered(tenant.kitchen(), id, step)).isEqualTo(200);
            }
        }
        for (var id : pix.subList(0, 2)) {
            assertThat(patient.cancelWhenAnswered(tenant.customer(), id)).isEqualTo(200);
        }

        var all = new ArrayList<String>();
        List.of(inKitchen, cash, pix, midCharge).forEach(all::addAll);
        Predicate<JsonNode> terminal =
                order -> OrderStatus.valueOf(order.get("status").asString()).isTerminal();
        var finalStatus = new HashMap<String, String>();
        for (var id : all) {
            finalStatus.put(
                    id,
                    patient.await(tenant.customer(), id, "a terminal status", terminal)
                            .get("status")
                            .asString());
        }
        assertThat(finalStatus.values()).allMatch(s -> s.equals("COMPLETED") || s.equals("CANCELLED"));

        var rows = new Rows(
                JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password())));
        var sold = 0;
        for (var id : all) {
            var payments = rows.payments(id);
            // A charge that was later refunded is settled as REFUNDED; a voided PIX never took money.
            var charged = sum(payments, "CHARGE", "SUCCEEDED") + sum(payments, "CHARGE", "REFUNDED");
            var refunded = sum(payments, "REFUND", "REFUNDED");
            var completed = finalStatus.get(id).equals("COMPLETED");
            var total = orders.get(tenant.customer(), id)
                    .path("total")
                    .path("cents")
                    .asLong();
            if (completed) {
                sold += (int) (total / PRICE_CENTS);
            }
            var expected = completed && !cash.contains(id) ? total : 0;
            assertThat(charged - refunded)
                    .as("money of %s (%s)", id, finalStatus.get(id))
                    .isEqualTo(expected);
            assertThat(payments.stream().filter(p -> p.kind().equals("CHARGE")).count())
                    .as("charges of %s", id)
                    .isLessThanOrEqualTo(1);
        }
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(INITIAL_STOCK - sold, 0, sold));
    }

    private Map<String, String> environment(int apiPort) throws Exception {
        var sandboxPort = FreePorts.next();
        var environment = new HashMap<String, String>();
        environment.put("COMANDA_LOCAL_DIR", localDir.toString());
        environment.put("COMANDA_DB_URL", database.url());
        environment.put("COMANDA_DB_USER", database.user());
        environment.put("COMANDA_DB_PASSWORD", database.password());
        environment.put("COMANDA_DB_MODE", "existing");
        environment.put("COMANDA_REDIS_URL", TestRedis.url());
        environment.put("COMANDA_REDIS_MODE", "existing");
        environment.put("COMANDA_API_PORT", String.valueOf(apiPort));
        environment.put("COMANDA_WORKER_PORT", String.valueOf(FreePorts.next()));
        environment.put("COMANDA_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        environment.put("COMANDA_TEMPORAL_PORT", String.valueOf(FreePorts.next()));
        environment.put("COMANDA_TEMPORAL_UI_PORT", "-1");
        environment.put("COMANDA_TEMPORAL_METRICS_PORT", String.valueOf(FreePorts.next()));
        environment.put("COMANDA_TEMPORAL_CLI", TestTemporal.cli().toString());
        environment.put("COMANDA_TEMPORAL_IN_MEMORY", "never");
        environment.put("COMANDA_OPERATOR_KEY", "op-" + E2eStack.randomHex());
        // Keys of this run only: the shared Redis may hold another run's replayed responses.
        environment.put("COMANDA_REDIS_PREFIX", "crash" + E2eStack.randomHex() + ":");
        environment.put("SANDBOX_PORT", String.valueOf(sandboxPort));
        environment.put("SANDBOX_URL", "http://127.0.0.1:" + sandboxPort);
        environment.put("SANDBOX_LATENCY_MS", CHARGE_LATENCY_MS);
        // PIX is paid by hand only, so PIX orders are still waiting when the run is killed.
        environment.put("SANDBOX_PIX_CONFIRM_DELAY_MS", "-1");
        Files.createDirectories(localDir);
        return environment;
    }

    private static long sum(List<Rows.PaymentRow> payments, String kind, String status) {
        return payments.stream()
                .filter(p -> p.kind().equals(kind) && p.status().equals(status))
                .mapToLong(Rows.PaymentRow::amountCents)
                .sum();
    }
}
