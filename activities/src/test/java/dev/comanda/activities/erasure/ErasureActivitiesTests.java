package dev.comanda.activities.erasure;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.activities.ActivityTestSupport;
import dev.comanda.codec.MissingDataKeyException;
import dev.comanda.erasure.CustomerErasureWorkflow;
import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.TenantOffboardingWorkflow;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.crypto.MasterKeys;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderReadModelRepository;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.reconciliation.ReconciliationContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workers' part of an offboarding against the real database: the tenant's open orders counted, its
 * customers erased at once, and the data keys of exactly its workflows deleted — its orders', its
 * customers' erasures', its ops retries' — never those of a tenant whose ID starts the same, nor the
 * offboarding's own. A customer's erasure, and an offboarding, empty the outbox's rows of their orders that
 * are not sent yet: they will never be.
 */
class ErasureActivitiesTests extends ActivityTestSupport {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final String HASH = "fedcba9876543210fedcba9876543210";

    @Autowired
    OrderReadModelRepository readModel;

    @Autowired
    OrderQueries queries;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    PaymentRepository payments;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    private PayloadKeyStore keys;

    @BeforeEach
    void keys() {
        keys = new PayloadKeyStore(jdbc, MasterKeys.parse(MasterKeys.generate("m")), Duration.ofMinutes(5), 100);
    }

    @Test
    void theTenantsOpenOrdersAreCountedAndItsCustomersErasedAtOnce() {
        var tenant = newTenant();
        record(tenant, OrderStatus.COMPLETED);
        record(tenant, OrderStatus.CANCELLED);
        var activities = activities();

        assertThat(activities.openOrders(tenant)).isZero();
        record(tenant, OrderStatus.READY);
        assertThat(activities.openOrders(tenant)).isOne();

        assertThat(activities.anonymizeTenant(tenant)).isEqualTo(new Erased(3, 0, 0, 0));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND customer_email IS NOT NULL")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(activities.anonymizeTenant(tenant)).isEqualTo(new Erased(0, 0, 0, 0));
    }

    @Test
    void exactlyTheDataKeysOfTheTenantsWorkflowsAreDeleted() {
        var tenant = newTenant();
        var lookalike = tenant + "-two";
        var orderId = placed(tenant, T0, 1).orderId();
        var order = OrderContract.workflowId(tenant, orderId);
        var erasure = CustomerErasureWorkflow.workflowId(tenant, HASH);
        var retry = ReconciliationContract.RETRY_WORKFLOW_ID_PREFIX + tenant + '-' + orderId + '-' + HASH;
        var offboarding = TenantOffboardingWorkflow.workflowId(tenant);
        var theirs =
                OrderContract.workflowId(lookalike, placed(lookalike, T0, 1).orderId());
        var theirErasure = CustomerErasureWorkflow.workflowId(lookalike, HASH);
        for (var scope : List.of(erasure, retry, offboarding, theirs, theirErasure)) {
            keys.current(scope);
        }
        var orderKey = keys.current(order);

        assertThat(activities().deleteTenantDataKeys(tenant)).isEqualTo(3);

        assertThat(scopes(tenant)).containsExactlyInAnyOrder(offboarding, theirs, theirErasure);
        // Gone from the store's cache too: what it encrypted decodes nowhere any more.
        assertThatThrownBy(() -> keys.byId(orderKey.id())).isInstanceOf(MissingDataKeyException.class);
        assertThat(activities().deleteTenantDataKeys(tenant)).isZero();
    }

    @Test
    void aCustomersErasureEmptiesTheOutboxRowsOfItsOrdersThatAreNotSentYet() {
        var tenant = newTenant();
        var pending = record(tenant, OrderStatus.CONFIRMED);
        var failed = record(tenant, OrderStatus.CONFIRMED);
        var sent = record(tenant, OrderStatus.COMPLETED);
        var someoneElses = record(tenant, OrderStatus.CONFIRMED);
        for (var order : List.of(pending, failed, sent, someoneElses)) {
            queue(order);
        }
        outbox.claim(key(failed), Duration.ofSeconds(40));
        outbox.markFailed(key(failed), "ana@example.com: 503", Instant.now().plusSeconds(2));
        outbox.claim(key(sent), Duration.ofSeconds(40));
        outbox.markSent(key(sent));
        var erasure = new CustomerErasureWorkflow.Erasure(
                tenant, List.of(pending.orderId(), failed.orderId(), sent.orderId()), "ops");

        assertThat(activities().anonymize(erasure).notifications()).isEqualTo(2);

        assertThat(outboxRow(pending)).containsExactly("ERASED", null, null);
        assertThat(outboxRow(failed)).containsExactly("ERASED", null, null);
        assertThat(outboxRow(sent)).containsExactly("SENT", null, null);
        assertThat(outboxRow(someoneElses).getFirst()).isEqualTo("PENDING");
        assertThat(outboxRow(someoneElses).get(1))
                .as("another customer's order keeps its notice")
                .isNotNull();
        assertThat(outbox.claim(key(pending), Duration.ofSeconds(40)))
                .as("never sent")
                .isEmpty();
        assertThat(activities().anonymize(erasure).notifications()).isZero();
    }

    @Test
    void anOffboardingEmptiesTheOutboxRowsOfTheTenantThatAreNotSentYet() {
        var tenant = newTenant();
        var other = newTenant();
        var pending = record(tenant, OrderStatus.CONFIRMED);
        var theirs = record(other, OrderStatus.CONFIRMED);
        queue(pending);
        queue(theirs);

        assertThat(activities().anonymizeTenant(tenant).notifications()).isOne();

        assertThat(outboxRow(pending)).containsExactly("ERASED", null, null);
        assertThat(outboxRow(theirs).getFirst()).isEqualTo("PENDING");
        assertThat(activities().anonymizeTenant(tenant).notifications()).isZero();
    }

    private void queue(PlaceOrder order) {
        new TransactionTemplate(transactionManager)
                .executeWithoutResult(status ->
                        outbox.queue(key(order), "{\"order\":{\"customer\":{\"email\":\"ana@example.com\"}}}"));
    }

    private static NotificationOutbox.Key key(PlaceOrder order) {
        return new NotificationOutbox.Key(order.tenantId(), order.orderId(), "CONFIRMED");
    }

    private List<String> outboxRow(PlaceOrder order) {
        return jdbc.sql("SELECT status, payload, last_error FROM notification_outbox WHERE order_id = ?")
                .param(order.orderId())
                .query((rs, n) -> java.util.Arrays.asList(
                        rs.getString("status"), rs.getString("payload"), rs.getString("last_error")))
                .single();
    }

    private ErasureActivitiesImpl activities() {
        var beans = new StaticListableBeanFactory(Map.of("keys", keys));
        return new ErasureActivitiesImpl(
                readModel, queries, notifications, outbox, payments, beans.getBeanProvider(PayloadKeyStore.class));
    }

    private List<String> scopes(String tenant) {
        return jdbc.sql("SELECT scope FROM payload_data_keys WHERE scope LIKE ?")
                .param("%-" + tenant + "%")
                .query(String.class)
                .list();
    }

    private PlaceOrder record(String tenant, OrderStatus status) {
        var order = placed(tenant, T0, 1_000);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(order, status, List.of(entry(1, status, T0.plusSeconds(60)))));
        return order;
    }
}
