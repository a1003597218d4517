package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders whose workflow Temporal lost — terminated by an operator, deleted with the server's data —
 * are ended by the next reconciliation run with money and stock right, over the real stack: the
 * workers' schedule policy, the dev server, the sandbox's books, MariaDB.
 */
@EndToEnd
class ReconciliationEndToEndTests {

    private static final int STOCK = 10;

    private static E2eStack stack;
    private static Orders orders;
    private static Rows rows;
    private static Reconciliations reconciliations;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(shared.api());
        rows = new Rows(shared.jdbc());
        reconciliations = new Reconciliations(shared);
    }

    @Test
    void theWorkersScheduleReconciliationWithTheConfiguredPolicy() {
        assertThat(reconciliations.scheduledPolicy().grace()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aChargedCardOrderWhoseWorkflowWasTerminatedEndsCancelledRefundedAndRestocked() {
        var tenant = stack.newTenant("rec-card").withProduct("PIZZA", 4_500, STOCK);
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 2).card("tok_visa"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        reconciliations.terminate(tenant.id(), orderId);
        var report = reconciliations.runNow();

        var order = orders.get(tenant.customer(), orderId);
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("reason").asString()).isEqualTo("RECONCILED");
        assertThat(report.repaired()).isPositive();
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(STOCK, 0, 0));
        assertThat(providerCharge(orderId).get("status").asString()).isEqualTo("refunded");
    }

    @Test
    void aWaitingPixOrderWhoseWorkflowWasDeletedEndsRejectedWithThePixVoided() throws InterruptedException {
        var tenant = stack.newTenant("rec-pix").withProduct("PIZZA", 4_500, STOCK);
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 3).pix());
        awaitPendingPix(orderId);

        reconciliations.delete(tenant.id(), orderId);
        reconciliations.runNow();

        var order = orders.get(tenant.customer(), orderId);
        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reason").asString()).isEqualTo("RECONCILED");
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(STOCK, 0, 0));
        assertThat(providerCharge(orderId).get("status").asString()).isEqualTo("canceled");
    }

    @Test
    void anOrderTheKitchenAcceptedWhoseWorkflowWasTerminatedEndsCancelledAndRefunded() {
        var tenant = stack.newTenant("rec-kitchen").withProduct("PIZZA", 4_500, STOCK);
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(orders.move(tenant.kitchen(), orderId, OrderStatus.ACCEPTED).status())
                .isEqualTo(200);

        reconciliations.terminate(tenant.id(), orderId);
        reconciliations.runNow();

        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(STOCK, 0, 0));
        assertThat(providerCharge(orderId).get("status").asString()).isEqualTo("refunded");
    }

    @Test
    void anOrderWhoseWorkflowRunsIsLeftAloneByTheRun() {
        var tenant = stack.newTenant("rec-live").withProduct("PIZZA", 4_500, STOCK);
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_visa"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        reconciliations.runNow();

        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("CONFIRMED");
        assertThat(providerCharge(orderId).get("status").asString()).isEqualTo("succeeded");
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(STOCK - 1, 0, 1));
    }

    /** Polls the payments rows until the PIX charge is pending at the provider. */
    private void awaitPendingPix(String orderId) throws InterruptedException {
        var until = Instant.now().plusSeconds(30);
        while (rows.payments(orderId).stream()
                .noneMatch(p -> p.kind().equals("CHARGE") && p.status().equals("PENDING"))) {
            assertThat(Instant.now()).as("PIX charge of %s pending", orderId).isBefore(until);
            Thread.sleep(50);
        }
    }

    /** The order's charge in the provider's own books. */
    private static tools.jackson.databind.JsonNode providerCharge(String orderId) {
        var response = stack.api()
                .raw()
                .send(
                        "GET",
                        stack.sandboxUrl() + "/v1/charges",
                        Map.of("Authorization", "Bearer " + dev.comanda.sandbox.SandboxConfig.DEFAULT_SECRET_KEY),
                        null);
        for (var charge : response.json().get("data")) {
            if (orderId.equals(charge.path("metadata").path("order_id").asString(null))) {
                return charge;
            }
        }
        throw new AssertionError("no charge at the provider for order " + orderId);
    }
}
