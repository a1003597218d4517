package dev.comanda.order;

import static dev.comanda.order.DevServerOrders.awaitPixPending;
import static dev.comanda.order.DevServerOrders.delivery;
import static dev.comanda.order.DevServerOrders.kitchen;
import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static dev.comanda.order.OrderWorkflowFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.ScriptedActivities.Commit;
import dev.comanda.order.ScriptedActivities.Marketplace;
import dev.comanda.order.ScriptedActivities.Provider;
import dev.comanda.order.ScriptedActivities.Script;
import dev.comanda.order.ScriptedActivities.Stock;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Captures the history of every {@link WorkflowPath} that completes or rejects an order, from a real
 * Temporal dev server ({@link HistoryCapture}); {@link CancellationHistoryCaptureTests} captures the
 * cancellations. Run on request only, both at once:
 *
 * <pre>
 * ./mvnw -B -pl workflows verify -Dworkflows.excludedGroups=none -Dgroups=capture \
 *     -Dcomanda.histories.dir=$PWD/workflows/src/test/resources/histories
 * </pre>
 *
 * {@link OrderWorkflowReplayTests} replays what they write.
 */
@Tag("capture")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderHistoryCaptureTests {

    private HistoryCapture capture;

    @BeforeAll
    void startServerAndWorkers() throws IOException {
        capture = new HistoryCapture();
    }

    @AfterAll
    void stop() {
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void cardDeliveryCompletes() throws IOException {
        var workflow = capture.start(WorkflowPath.CARD_DELIVERY_COMPLETED, PaymentMethod.CARD, delivery(), "ifood");
        kitchen(workflow, HistoryCapture.DELIVERY);
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly(SyncStatus.SYNCED);
        capture.save(workflow, WorkflowPath.CARD_DELIVERY_COMPLETED);
    }

    @Test
    void cardTakeawayCompletes() throws IOException {
        var workflow = capture.start(WorkflowPath.CARD_TAKEAWAY_COMPLETED, PaymentMethod.CARD, Fulfilment.takeaway());
        kitchen(workflow, HistoryCapture.TAKEAWAY);
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
        capture.save(workflow, WorkflowPath.CARD_TAKEAWAY_COMPLETED);
    }

    @Test
    void cardDineInCompletes() throws IOException {
        var workflow = capture.start(WorkflowPath.CARD_DINE_IN_COMPLETED, PaymentMethod.CARD, Fulfilment.dineIn("7"));
        kitchen(workflow, List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.SERVED));
        assertThat(result(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
        capture.save(workflow, WorkflowPath.CARD_DINE_IN_COMPLETED);
    }

    @Test
    void cashDeliveryCompletes() throws IOException {
        var workflow = capture.start(WorkflowPath.CASH_DELIVERY_COMPLETED, PaymentMethod.CASH, delivery());
        kitchen(workflow, HistoryCapture.DELIVERY);
        assertThat(result(workflow).payment().status()).isEqualTo(PaymentStatus.ON_DELIVERY);
        capture.save(workflow, WorkflowPath.CASH_DELIVERY_COMPLETED);
    }

    @Test
    void pixPaidCompletes() throws IOException {
        var workflow = capture.start(WorkflowPath.PIX_PAID_COMPLETED, PaymentMethod.PIX, Fulfilment.takeaway());
        var pending = awaitPixPending(workflow);
        workflow.pixConfirmed(new PixConfirmation(pending.payment().providerChargeId()));
        awaitStatus(workflow, OrderStatus.CONFIRMED);
        kitchen(workflow, HistoryCapture.TAKEAWAY);
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        capture.save(workflow, WorkflowPath.PIX_PAID_COMPLETED);
    }

    @Test
    void pixPaidWithEveryWebhookLostIsFoundByAskingTheProvider() throws IOException {
        var workflow = capture.start(
                WorkflowPath.PIX_PAID_WEBHOOK_LOST,
                PaymentMethod.PIX,
                Fulfilment.takeaway(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Provider.PAID_WITHOUT_WEBHOOK));
        kitchen(workflow, HistoryCapture.TAKEAWAY);
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        capture.save(workflow, WorkflowPath.PIX_PAID_WEBHOOK_LOST);
    }

    @Test
    void pixExpires() throws IOException {
        var workflow = capture.start(
                WorkflowPath.PIX_EXPIRED,
                PaymentMethod.PIX,
                Fulfilment.takeaway(),
                HistoryCapture.PIX_EXPIRES_SOON,
                Script.HAPPY);
        rejected(workflow, WorkflowPath.PIX_EXPIRED, RejectionReason.PAYMENT_TIMEOUT);
    }

    @Test
    void cardDeclined() throws IOException {
        rejected(WorkflowPath.CARD_DECLINED, Script.HAPPY.with(Provider.DECLINES), RejectionReason.PAYMENT_DECLINED);
    }

    @Test
    void outOfStock() throws IOException {
        rejected(WorkflowPath.OUT_OF_STOCK, Script.HAPPY.with(Stock.SHORT), RejectionReason.OUT_OF_STOCK);
    }

    @Test
    void paymentProviderUnavailable() throws IOException {
        rejected(
                WorkflowPath.PAYMENT_PROVIDER_UNAVAILABLE,
                Script.HAPPY.with(Provider.UNAVAILABLE),
                RejectionReason.PAYMENT_UNAVAILABLE);
    }

    @Test
    void reservationExpiredAtCommit() throws IOException {
        rejected(
                WorkflowPath.RESERVATION_EXPIRED_AT_COMMIT,
                Script.HAPPY.with(Commit.RESERVATION_EXPIRED),
                RejectionReason.RESERVATION_EXPIRED);
    }

    @Test
    void internalErrorBeforeConfirmation() throws IOException {
        rejected(
                WorkflowPath.INTERNAL_ERROR_BEFORE_CONFIRMATION,
                Script.HAPPY.with(Commit.INCONSISTENT),
                RejectionReason.INTERNAL_ERROR);
    }

    @Test
    void marketplaceDownNeverBlocksCompletion() throws IOException {
        var path = WorkflowPath.MARKETPLACE_DOWN_ORDER_COMPLETED_STILL_PUSHING;
        var workflow = capture.start(
                path,
                PaymentMethod.CARD,
                delivery(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Marketplace.DOWN),
                "ifood");
        kitchen(workflow, HistoryCapture.DELIVERY);
        var completed = awaitStatus(workflow, OrderStatus.COMPLETED);
        assertThat(completed.sync()).extracting(MarketplaceSync::status).containsExactly(SyncStatus.SYNCING);
        capture.save(workflow, path);
        WorkflowStub.fromTyped(workflow).terminate("captured while the marketplace push retries");
    }

    @Test
    void marketplaceNotConfiguredFailsTheSyncNotTheOrder() throws IOException {
        var path = WorkflowPath.MARKETPLACE_NOT_CONFIGURED_ORDER_COMPLETED;
        var workflow = capture.start(
                path,
                PaymentMethod.CARD,
                Fulfilment.takeaway(),
                OrderPolicy.DEFAULT,
                Script.HAPPY.with(Marketplace.NOT_CONFIGURED),
                "rappi");
        kitchen(workflow, HistoryCapture.TAKEAWAY);
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.sync()).extracting(MarketplaceSync::status).containsExactly(SyncStatus.FAILED);
        capture.save(workflow, path);
    }

    private void rejected(WorkflowPath path, Script script, RejectionReason reason) throws IOException {
        rejected(capture.start(path, PaymentMethod.CARD, delivery(), OrderPolicy.DEFAULT, script), path, reason);
    }

    private void rejected(OrderWorkflow workflow, WorkflowPath path, RejectionReason reason) throws IOException {
        var done = result(workflow);
        assertThat(done.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(done.rejectionReason()).isEqualTo(reason);
        capture.save(workflow, path);
    }
}
