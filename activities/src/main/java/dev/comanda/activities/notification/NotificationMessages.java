package dev.comanda.activities.notification;

import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.Money;
import dev.comanda.order.OrderState;
import java.math.BigDecimal;
import java.util.Locale;

/** Plain-text subjects and bodies of the emails, written from the order's state. */
final class NotificationMessages {

    record Message(String subject, String body) {}

    private NotificationMessages() {}

    static Message forCustomer(NotificationKind kind, OrderState order) {
        var shortId = shortId(order);
        var subject = switch (kind) {
            case CONFIRMED -> "Your order " + shortId + " is confirmed";
            case REJECTED -> "Your order " + shortId + " could not be accepted";
            case CANCELLED -> "Your order " + shortId + " was cancelled";
            case READY -> "Your order " + shortId + " is ready";
        };
        var opening = switch (kind) {
            case CONFIRMED -> "Thank you! We received your order and the kitchen will start on it shortly.";
            case REJECTED ->
                "Sorry, we could not accept your order"
                        + (order.rejectionReason() == null ? "" : " (" + readable(order.rejectionReason()) + ")")
                        + ". You have not been charged.";
            case CANCELLED ->
                "Your order was cancelled"
                        + (order.cancellationReason() == null ? "" : " (" + readable(order.cancellationReason()) + ")")
                        + ". Any payment is being refunded.";
            case READY -> "Your order is ready.";
        };
        var name = order.customer() == null || order.customer().name() == null
                ? "there"
                : order.customer().name();
        return new Message(subject, "Hello " + name + ",\n\n" + opening + "\n\n" + summary(order));
    }

    static Message forRestaurant(NotificationKind kind, OrderState order) {
        var subject = "Order " + shortId(order) + " " + kind.name().toLowerCase(Locale.ROOT);
        return new Message(subject, subject + ".\n\n" + summary(order));
    }

    private static String summary(OrderState order) {
        var text = new StringBuilder("Order ").append(order.orderId()).append('\n');
        if (order.lines() != null) {
            for (var line : order.lines()) {
                text.append(line.quantity())
                        .append(" x ")
                        .append(line.name())
                        .append("  ")
                        .append(format(line.lineTotal()))
                        .append('\n');
            }
        }
        if (order.total() != null) {
            text.append("Total: ").append(format(order.total())).append('\n');
        }
        return text.toString();
    }

    private static String format(Money money) {
        return money.currency() + ' ' + BigDecimal.valueOf(money.cents(), 2).toPlainString();
    }

    private static String shortId(OrderState order) {
        var id = order.orderId();
        return "#" + (id.length() > 8 ? id.substring(0, 8) : id);
    }

    private static String readable(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
