package dev.comanda.activities.erasure;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import dev.comanda.erasure.ErasureActivities;
import dev.comanda.erasure.TenantOffboardingWorkflow;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderReadModelRepository;
import dev.comanda.persistence.payment.PaymentRepository;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The workers' part of a customer's erasure and of a tenant's offboarding, each table by its owner's
 * repository: the read model's customer fields and timeline names, the notifications' e-mail recipients and
 * the outbox's unsent notifications (their order, customer included; counted with the notifications), the
 * charge requests' receipt e-mail, then the payload data keys of the workflows.
 */
@Component
public class ErasureActivitiesImpl implements ErasureActivities {

    /** Keys are deleted this many at a time: one statement per batch, however many orders a tenant had. */
    private static final int KEY_BATCH = 500;

    private final OrderReadModelRepository orders;
    private final OrderQueries queries;
    private final NotificationRepository notifications;
    private final NotificationOutbox outbox;
    private final PaymentRepository payments;
    private final ObjectProvider<PayloadKeyStore> keys;

    ErasureActivitiesImpl(
            OrderReadModelRepository orders,
            OrderQueries queries,
            NotificationRepository notifications,
            NotificationOutbox outbox,
            PaymentRepository payments,
            ObjectProvider<PayloadKeyStore> keys) {
        this.orders = orders;
        this.queries = queries;
        this.notifications = notifications;
        this.outbox = outbox;
        this.payments = payments;
        this.keys = keys;
    }

    @Override
    public Erased anonymize(Erasure request) {
        return new Erased(
                orders.anonymizeCustomer(request.tenantId(), request.orderIds()),
                notifications.anonymizeEmailRecipients(request.tenantId(), request.orderIds())
                        + outbox.erase(request.tenantId(), request.orderIds()),
                payments.anonymizeReceiptEmails(request.tenantId(), request.orderIds()),
                0);
    }

    @Override
    public int deleteDataKeys(Erasure request) {
        var store = keys.getIfAvailable();
        if (store == null) {
            // Encryption switched off (a measurement): nothing was encrypted, so there is no key to delete.
            return 0;
        }
        return store.erase(request.orderIds().stream()
                .map(orderId -> OrderContract.workflowId(request.tenantId(), orderId))
                .toList());
    }

    @Override
    public int openOrders(String tenantId) {
        return queries.openOrders(tenantId, 100).size();
    }

    @Override
    public Erased anonymizeTenant(String tenantId) {
        return new Erased(
                orders.anonymizeCustomers(tenantId),
                notifications.anonymizeEmailRecipients(tenantId) + outbox.erase(tenantId),
                payments.anonymizeReceiptEmails(tenantId),
                0);
    }

    @Override
    public int deleteTenantDataKeys(String tenantId) {
        var store = keys.getIfAvailable();
        if (store == null) {
            return 0;
        }
        var deleted = 0;
        for (var prefix : TenantOffboardingWorkflow.workflowIdPrefixes(tenantId)) {
            var scopes = store.scopesStartingWith(prefix).stream()
                    .filter(scope -> TenantOffboardingWorkflow.isWorkflowOf(tenantId, scope))
                    .toList();
            for (int from = 0; from < scopes.size(); from += KEY_BATCH) {
                deleted += store.erase(List.copyOf(scopes.subList(from, Math.min(scopes.size(), from + KEY_BATCH))));
            }
        }
        return deleted;
    }
}
