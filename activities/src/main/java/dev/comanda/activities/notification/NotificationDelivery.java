package dev.comanda.activities.notification;

import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderState;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.notification.NotificationRepository.Target;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers an order's notification: emails the customer and, for the kinds the restaurant acts on, calls the
 * restaurant's webhook (and emails it, when it gave an address). Each recipient is a row claimed before
 * sending and marked SENT after, so a retry after a partial failure sends only what is still missing. A send
 * that succeeded but whose SENT mark was lost (a crash in between) is sent again: email cannot be made
 * exactly-once, and webhooks carry an idempotency key for the receiver to drop the duplicate. Shared by the
 * notification activity and the outbox's relay, so a notification reaches each recipient once whichever
 * sends it.
 */
@Component
class NotificationDelivery {

    /** Notifications rows name the restaurant's webhook by role: its URL may change between retries. */
    static final String RESTAURANT_WEBHOOK = "restaurant-webhook";

    /** Some recipient could not be reached this time; a later delivery of the same notification tries again. */
    static final class NotDelivered extends RuntimeException {
        NotDelivered(String message) {
            super(message);
        }
    }

    private final NotificationRepository notifications;
    private final RestaurantEndpointRepository endpoints;
    private final EmailSender email;
    private final RestaurantWebhooks webhooks;
    private final NotificationProperties properties;
    private final JsonMapper json;

    NotificationDelivery(
            NotificationRepository notifications,
            RestaurantEndpointRepository endpoints,
            EmailSender email,
            RestaurantWebhooks webhooks,
            NotificationProperties properties,
            JsonMapper json) {
        this.notifications = notifications;
        this.endpoints = endpoints;
        this.email = email;
        this.webhooks = webhooks;
        this.properties = properties;
        this.json = json;
    }

    /** Sends what is still missing of it; {@link NotDelivered} names the recipients it could not reach. */
    void deliver(Notification notification) {
        var order = notification.order();
        var kind = notification.kind();
        var sends = new ArrayList<Send>();
        if (order.customer() != null && order.customer().email() != null) {
            var to = order.customer().email();
            sends.add(new Send(
                    target(order, kind, to, "EMAIL"),
                    () -> email.send(to, NotificationMessages.forCustomer(kind, order))));
        }
        if (kind.toRestaurant()) {
            endpoints.find(order.tenantId()).ifPresent(endpoint -> {
                if (endpoint.webhookUrl() != null) {
                    var key = notification.idempotencyKey() + ":" + RESTAURANT_WEBHOOK;
                    sends.add(new Send(
                            target(order, kind, RESTAURANT_WEBHOOK, "WEBHOOK"),
                            () -> webhooks.post(
                                    endpoint.webhookUrl(), endpoint.webhookSecret(), key, event(kind, order))));
                }
                if (endpoint.email() != null) {
                    sends.add(new Send(
                            target(order, kind, endpoint.email(), "EMAIL"),
                            () -> email.send(endpoint.email(), NotificationMessages.forRestaurant(kind, order))));
                }
            });
        }
        var failures = new ArrayList<String>();
        for (var send : sends) {
            try {
                sendOnce(send);
            } catch (RuntimeException e) {
                failures.add(send.target().recipient() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new NotDelivered(
                    "notification " + kind + " of order " + order.orderId() + " not delivered to " + failures);
        }
    }

    private void sendOnce(Send send) {
        if (!notifications.claim(send.target(), properties.claimLease())) {
            var status = notifications.status(send.target()).orElse("UNKNOWN");
            if (status.equals("SENT")) {
                return;
            }
            throw new IllegalStateException("another attempt is sending it (" + status + ")");
        }
        try {
            send.action().run();
        } catch (RuntimeException e) {
            notifications.markFailed(send.target(), e.toString());
            throw e;
        }
        notifications.markSent(send.target());
    }

    private String event(NotificationKind kind, OrderState order) {
        var event = new LinkedHashMap<String, Object>();
        event.put("type", "order." + kind.name().toLowerCase(Locale.ROOT));
        event.put("order", order);
        return json.writeValueAsString(event);
    }

    private static Target target(OrderState order, NotificationKind kind, String recipient, String channel) {
        return new Target(order.tenantId(), order.orderId(), kind.name(), recipient, channel);
    }

    private record Send(Target target, Runnable action) {}
}
