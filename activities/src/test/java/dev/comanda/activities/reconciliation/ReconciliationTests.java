package dev.comanda.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.comanda.activities.payment.PaymentBooks;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Customer;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderWorkflow;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PlaceOrder;
import dev.comanda.order.PlaceOrderBuilder;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.persistence.catalog.ProductAdmin;
import dev.comanda.persistence.ops.QueueReason;
import dev.comanda.persistence.tenant.TenantRepository;
import dev.comanda.reconciliation.OrderRetryWorkflow;
import dev.comanda.reconciliation.OrderRetryWorkflow.Kind;
import dev.comanda.reconciliation.OrderRetryWorkflow.RetryRequest;
import dev.comanda.reconciliation.ReconciliationActivities;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationContract.FindingKind;
import dev.comanda.reconciliation.ReconciliationPolicy;
import dev.comanda.reconciliation.ReconciliationReport;
import dev.comanda.reconciliation.ReconciliationWorkflow;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestOrders;
import dev.comanda.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation runs on a real Temporal server, a real database and the real payment sandbox: order
 * workflows run for real, a test loses one (terminates or deletes it) and the next run must end the
 * order with money and stock right.
 */
@SpringBootTest(classes = ReconciliationStack.class)
class ReconciliationTests {

    private static final TestDatabase DATABASE = TestDatabase.create();
    private static final PaymentSandbox SANDBOX = new PaymentSandbox();
    private static final String SKU = "PIZZA-M";
    private static final int STOCK = 10;
    /** No grace: every test's own orders are suspects as soon as the run starts. */
    private static final ReconciliationPolicy POLICY = new ReconciliationPolicy(
            Duration.ZERO,
            Duration.ofDays(1),
            Duration.ofHours(1),
            Duration.ofHours(1),
            100,
            4,
            new ReconciliationPolicy.StuckThresholds(
                    Duration.ofMinutes(8), Duration.ofMinutes(45), Duration.ofMinutes(15)));

    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        SANDBOX.start(SandboxConfig.forTests());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        var prefix = "comanda-test:" + TestRedis.keyPrefix();
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("comanda.payments.base-url", SANDBOX::baseUrl);
        registry.add("comanda.redis.url", TestRedis::url);
        registry.add("comanda.catalog.cache.key-prefix", () -> prefix);
        registry.add("comanda.events.topic-prefix", () -> prefix + "events:");
        registry.add("comanda.inventory.sweeper.enabled", () -> "false");
        registry.add("comanda.reconciliation.gauge-refresh", () -> "0s");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Autowired
    WorkflowClient client;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantRepository tenants;

    @Autowired
    ProductAdmin products;

    @Autowired
    PaymentActivities payments;

    @Autowired
    PaymentBooks books;

    @Autowired
    ReconciliationActivities reconciliation;

    @Autowired
    MeterRegistry meters;

    @Autowired
    dev.comanda.persistence.ops.OpsQueue queue;

    @Autowired
    dev.comanda.persistence.order.PlacementReceipts receipts;

    /**
     * The runbook's "send it again": the ops queue lists the notification that gave up, and the retry (POST
     * /ops/orders/{id}/retry, action NOTIFICATION) sends it through its workflow, which takes it off the queue.
     */
    @Test
    void aNotificationThatGaveUpIsSentAgainByTheOpsRetryWorkflowOnce() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        awaitNotice(orderId, "SENT");
        // What the relay leaves when the SMTP server was down for the notification's whole hour.
        jdbc.sql("UPDATE notification_outbox SET status = 'GAVE_UP', payload = NULL, ended_at = NOW(6),"
                        + " last_error = 'smtp down' WHERE order_id = ?")
                .param(orderId)
                .update();
        jdbc.sql("UPDATE notifications SET status = 'FAILED' WHERE order_id = ? AND kind = 'CONFIRMED'")
                .param(orderId)
                .update();

        assertThat(queue.problemsOf(tenant, orderId))
                .filteredOn(entry -> entry.reason() == QueueReason.NOTIFICATION_GAVE_UP)
                .singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("CONFIRMED: smtp down"));

        assertThat(retryNotice(tenant, orderId, "retry-notice-" + orderId))
                .isEqualTo("notification CONFIRMED queued again");

        awaitNotice(orderId, "SENT");
        assertThat(count(
                        "SELECT COUNT(*) FROM notifications WHERE order_id = ? AND kind = 'CONFIRMED' AND status = 'SENT'",
                        orderId))
                .isPositive();
        assertThat(count(
                        "SELECT COUNT(*) FROM notifications WHERE order_id = ? AND kind = 'CONFIRMED' AND status <> 'SENT'",
                        orderId))
                .isZero();
        assertThat(queue.problemsOf(tenant, orderId)).noneMatch(e -> e.reason() == QueueReason.NOTIFICATION_GAVE_UP);
        // Sent now: a second request fails, saying why, and sends nothing.
        assertThatThrownBy(() -> retryNotice(tenant, orderId, "retry-notice-again-" + orderId))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause()
                .hasMessageContaining("no CONFIRMED notification of this order gave up");
    }

    @Test
    void aConfirmedCardOrderWhoseWorkflowWasTerminatedEndsCancelledRefundedAndRestocked() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        assertThat(stock(tenant)).containsExactly(STOCK - 2, 0, 2);

        client.newUntypedWorkflowStub(OrderContract.workflowId(tenant, orderId))
                .terminate("test: the workflow is lost");
        reconcile();

        assertThat(orderRow(orderId)).containsExactly("CANCELLED", "RECONCILED");
        assertThat(stock(tenant)).containsExactly(STOCK, 0, 0);
        assertThat(providerCharge(orderId).status()).isEqualTo("refunded");
        assertThat(paymentStatus(OrderContract.effectKey(orderId, "charge"))).isEqualTo("REFUNDED");
        assertThat(findingStatus(FindingKind.LOST_ORDER, orderId)).isEqualTo("REPAIRED");
        assertThat(count("SELECT COUNT(*) FROM notifications WHERE order_id = ? AND kind = 'CANCELLED'", orderId))
                .isPositive();
    }

    @Test
    void aWaitingPixOrderWhoseWorkflowWasDeletedEndsRejectedWithTheChargeVoided() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.PIX);
        await().atMost(WAIT).until(() -> "PENDING".equals(paymentStatus(OrderContract.effectKey(orderId, "charge"))));

        client.getWorkflowServiceStubs()
                .blockingStub()
                .deleteWorkflowExecution(DeleteWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setWorkflowExecution(
                                WorkflowExecution.newBuilder().setWorkflowId(OrderContract.workflowId(tenant, orderId)))
                        .build());
        reconcile();

        assertThat(orderRow(orderId)).containsExactly("REJECTED", "RECONCILED");
        assertThat(stock(tenant)).containsExactly(STOCK, 0, 0);
        assertThat(providerCharge(orderId).status()).isEqualTo("canceled");
        assertThat(paymentStatus(OrderContract.effectKey(orderId, "charge"))).isEqualTo("VOIDED");
    }

    @Test
    void anOrderWhoseWorkflowIsRunningIsLeftAlone() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");

        reconcile();

        assertThat(orderRow(orderId)).containsExactly("CONFIRMED", null);
        assertThat(providerCharge(orderId).status()).isEqualTo("succeeded");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_findings WHERE order_id = ?", orderId))
                .isZero();
    }

    @Test
    void repairingALostOrderAgainChangesNothing() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        client.newUntypedWorkflowStub(OrderContract.workflowId(tenant, orderId))
                .terminate("test: the workflow is lost");
        reconcile();
        var refundsBefore = refundCalls();

        var again = reconciliation.repairLostOrder(
                "test-run",
                new ReconciliationActivities.LostOrder(
                        tenant, orderId, dev.comanda.order.OrderStatus.CONFIRMED, "TERMINATED"));

        assertThat(again.changed()).isFalse();
        assertThat(refundCalls()).isEqualTo(refundsBefore);
        assertThat(stock(tenant)).containsExactly(STOCK, 0, 0);
    }

    @Test
    void anAcknowledgedPlacementWhoseWorkflowWasLostBeforeItsFirstStepIsStartedAgain() {
        var tenant = newTenant();
        // The API kept the receipt and started the workflow; Temporal lost it before it wrote anything.
        var order = placement(tenant, PaymentMethod.CARD);
        receipts.record(order);

        reconcile();

        awaitStatus(order.orderId(), "CONFIRMED");
        assertThat(findingStatus(FindingKind.LOST_PLACEMENT, order.orderId())).isEqualTo("REPAIRED");
        assertThat(stock(tenant)).containsExactly(STOCK - 2, 0, 2);
        assertThat(providerCharge(order.orderId()).status()).isEqualTo("succeeded");
    }

    @Test
    void aChargeNoOrderAccountsForIsRefundedOnce() {
        var tenant = newTenant();
        var orderId = TestOrders.newOrderId(tenant);
        payments.charge(new PaymentActivities.ChargeRequest(
                tenant,
                orderId,
                OrderContract.effectKey(orderId, "charge"),
                PaymentMethod.CARD,
                new Money(9000, "BRL"),
                "tok_visa",
                "ana@example.com"));
        var chargeId = providerCharge(orderId).id();

        reconcile();
        reconcile();

        assertThat(providerCharge(orderId).status()).isEqualTo("refunded");
        assertThat(findingStatus(FindingKind.MISPLACED_CHARGE, chargeId)).isEqualTo("REPAIRED");
        assertThat(paymentStatus(PaymentBooks.strayRefundKey(chargeId))).isEqualTo("REFUNDED");
        assertThat(SANDBOX.receivedRequests().stream()
                        .filter(r -> r.path().equals("/v1/refunds"))
                        .filter(r -> PaymentBooks.strayRefundKey(chargeId).equals(r.idempotencyKey()))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRunningWorkflowWithNoOrderRowIsLeftForOps() {
        var tenant = newTenant();
        var workflowId = OrderContract.workflowId(tenant, TestOrders.newOrderId(tenant));
        // An order workflow nobody runs (its queue has no worker) and that never wrote its row.
        client.newUntypedWorkflowStub(
                        OrderContract.WORKFLOW_TYPE,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(workflowId)
                                .setTaskQueue("nobody-polls-" + tenant)
                                .build())
                .start();
        await().atMost(WAIT)
                .until(() -> client.listExecutions("WorkflowId = '" + workflowId + "'")
                        .findAny()
                        .isPresent());

        var report = reconcile();

        assertThat(findingStatus(FindingKind.ORPHAN_WORKFLOW, workflowId)).isEqualTo("LEFT_FOR_OPS");
        assertThat(report.leftForOps()).isPositive();
        assertThat(client.newUntypedWorkflowStub(workflowId)
                        .describe()
                        .getStatus()
                        .name())
                .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    }

    @Test
    void aRunRecordsItsReportAndTheMetersCountRepairs() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        client.newUntypedWorkflowStub(OrderContract.workflowId(tenant, orderId))
                .terminate("test: the workflow is lost");

        var report = reconcile();

        assertThat(report.repaired()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_runs WHERE finished_at IS NOT NULL AND repaired > 0"))
                .isPositive();
        assertThat(meters.get("comanda.reconciliation.repairs")
                        .tag("kind", "lost_order")
                        .tag("outcome", "repaired")
                        .counter()
                        .count())
                .isPositive();
        assertThat(meters.get("comanda.reconciliation.last.run.timestamp")
                        .gauge()
                        .value())
                .isGreaterThan(0);
    }

    @Test
    void aReservationStillHeldForACancelledOrderIsReleased() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        client.newUntypedWorkflowStub(OrderContract.workflowId(tenant, orderId))
                .terminate("test: ended without its compensations");
        // What a crash between the status write and the undo would leave: CANCELLED, stock still sold.
        jdbc.sql("UPDATE orders SET status = 'CANCELLED', reason = 'CUSTOMER_REQUEST' WHERE order_id = ?")
                .param(orderId)
                .update();

        reconcile();

        assertThat(stock(tenant)).containsExactly(STOCK, 0, 0);
        assertThat(findingStatus(FindingKind.LOOSE_RESERVATION, OrderContract.effectKey(orderId, "reservation")))
                .isEqualTo("REPAIRED");
        assertThat(findingStatus(
                        FindingKind.MISPLACED_CHARGE, providerCharge(orderId).id()))
                .isEqualTo("REPAIRED");
        assertThat(providerCharge(orderId).status()).isEqualTo("refunded");
    }

    @Test
    void anOrderSittingAtOneStepTooLongIsCountedStuckAndListedInTheOpsQueue() {
        var tenant = newTenant();
        var orderId = place(tenant, PaymentMethod.CARD);
        awaitStatus(orderId, "CONFIRMED");
        jdbc.sql("UPDATE orders SET updated_at = ? WHERE order_id = ?")
                .params(
                        dev.comanda.persistence.jdbc.SqlTimes.toSql(
                                Instant.now().minus(Duration.ofMinutes(9))),
                        orderId)
                .update();

        var report = reconcile();

        assertThat(report.stuck()).isPositive();
        assertThat(meters.get("comanda.orders.stuck")
                        .tag("step", "not_accepted")
                        .gauge()
                        .value())
                .isPositive();
        assertThat(queue.list(
                        java.util.Set.of(dev.comanda.persistence.ops.QueueReason.STUCK_NOT_ACCEPTED),
                        tenant,
                        Duration.ZERO,
                        10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.orderId()).isEqualTo(orderId));
        assertThat(orderRow(orderId)).containsExactly("CONFIRMED", null);
    }

    private ReconciliationReport reconcile() {
        var workflow = client.newWorkflowStub(
                ReconciliationWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(ReconciliationContract.WORKFLOW_ID_PREFIX + "-test-" + UUID.randomUUID())
                        .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                        .setWorkflowRunTimeout(Duration.ofMinutes(2))
                        .build());
        return workflow.run(POLICY);
    }

    private String place(String tenant, PaymentMethod method) {
        var order = placement(tenant, method);
        var workflow = client.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderContract.workflowId(tenant, order.orderId()))
                        .setTaskQueue(OrderContract.ORDERS_TASK_QUEUE)
                        .setTypedSearchAttributes(OrderSearchAttributes.initial(order))
                        .build());
        WorkflowClient.start(workflow::place, order);
        return order.orderId();
    }

    private static PlaceOrder placement(String tenant, PaymentMethod method) {
        return PlaceOrderBuilder.order(tenant)
                .customer(new Customer("Ana", "ana@example.com", null))
                .lines(new OrderLine(SKU, "Pizza", 2, new Money(4500, "BRL")))
                .payment(method)
                .build();
    }

    private String newTenant() {
        var id = "t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        tenants.create(id, "Test " + id, "BRL");
        products.create(id, SKU, "Pizza", new Money(4500, "BRL"));
        products.setInitialStock(id, SKU, STOCK);
        return id;
    }

    private void awaitNotice(String orderId, String status) {
        await().atMost(WAIT)
                .until(() -> status.equals(
                        jdbc.sql("SELECT status FROM notification_outbox WHERE order_id = ? AND kind = 'CONFIRMED'")
                                .param(orderId)
                                .query(String.class)
                                .optional()
                                .orElse(null)));
    }

    private String retryNotice(String tenant, String orderId, String key) {
        return client.newWorkflowStub(
                        OrderRetryWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(key)
                                .setTaskQueue(ReconciliationContract.TASK_QUEUE)
                                .build())
                .retry(new RetryRequest(Kind.NOTIFICATION, tenant, orderId, null, NotificationKind.CONFIRMED));
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(orderRow(orderId)[0]));
    }

    private String[] orderRow(String orderId) {
        return jdbc.sql("SELECT status, reason FROM orders WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .orElse(new String[] {null, null});
    }

    private int[] stock(String tenant) {
        return jdbc.sql("SELECT available, reserved, sold FROM stock WHERE tenant_id = ? AND sku = ?")
                .params(tenant, SKU)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                .single();
    }

    private String paymentStatus(String key) {
        return jdbc.sql("SELECT status FROM payments WHERE idempotency_key = ?")
                .param(key)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private String findingStatus(FindingKind kind, String subject) {
        return jdbc.sql("SELECT status FROM reconciliation_findings WHERE finding_key = ?")
                .param(ReconciliationContract.findingKey(kind, subject))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (var param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    private PaymentBooks.ProviderCharge providerCharge(String orderId) {
        return books.charges(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .filter(charge -> orderId.equals(charge.orderId()))
                .findFirst()
                .orElseThrow();
    }

    private long refundCalls() {
        return SANDBOX.receivedRequests().stream()
                .filter(r -> r.path().equals("/v1/refunds"))
                .count();
    }
}
