package dev.comanda.activities.erasure;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import dev.comanda.erasure.ErasureActivities;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.order.OrderReadModelRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The workers' part of a customer's erasure, each table by its owner's repository: the read model's
 * customer fields, the notifications' e-mail recipients, then the orders' payload data keys.
 */
@Component
public class ErasureActivitiesImpl implements ErasureActivities {

    private final OrderReadModelRepository orders;
    private final NotificationRepository notifications;
    private final ObjectProvider<PayloadKeyStore> keys;

    ErasureActivitiesImpl(
            OrderReadModelRepository orders,
            NotificationRepository notifications,
            ObjectProvider<PayloadKeyStore> keys) {
        this.orders = orders;
        this.notifications = notifications;
        this.keys = keys;
    }

    @Override
    public Erased anonymize(Erasure request) {
        return new Erased(
                orders.anonymizeCustomer(request.tenantId(), request.orderIds()),
                notifications.anonymizeEmailRecipients(request.tenantId(), request.orderIds()),
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
}
