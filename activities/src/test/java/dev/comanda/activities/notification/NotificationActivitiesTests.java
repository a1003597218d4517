package dev.comanda.activities.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderState;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.notification.RestaurantEndpoint;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import dev.comanda.testing.IntegrationDatabase;
import dev.comanda.testing.RecordingHttpServer;
import dev.comanda.testing.TestOrders;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

class NotificationActivitiesTests {

    private static final String TENANT = "pizzeria-1";
    private static final String SECRET = "whsec_restaurant";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static IntegrationDatabase db;
    private final RecordingHttpServer restaurant = new RecordingHttpServer();
    private RestaurantEndpointRepository endpoints;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void restaurantEndpoint() {
        endpoints = new RestaurantEndpointRepository(db.jdbc());
        endpoints.upsert(new RestaurantEndpoint(TENANT, restaurant.url("/orders"), SECRET, null));
    }

    @AfterEach
    void stop() {
        restaurant.close();
    }

    @Test
    void notifyingTwiceSendsOneEmailAndOneSignedWebhook() throws Exception {
        var activities = activities(NotificationProperties.Mode.SMTP);
        var notification = notification(NotificationKind.CONFIRMED);

        activities.notify(notification);
        activities.notify(notification);

        var emails = SMTP.getReceivedMessages();
        assertThat(emails).hasSize(1);
        assertThat(emails[0].getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
        assertThat(emails[0].getSubject()).contains("confirmed");
        assertThat(restaurant.received()).hasSize(1);
        var webhook = restaurant.received().getFirst();
        assertThat(WebhookSignature.verify(
                        webhook.header(WebhookSignature.HEADER), webhook.body(), SECRET, Duration.ofMinutes(5)))
                .isTrue();
        assertThat(webhook.header("Idempotency-Key")).startsWith(notification.idempotencyKey());
        assertThat(JSON.readTree(webhook.body()).at("/order/orderId").asString())
                .isEqualTo(notification.order().orderId());
        assertThat(db.count(
                        "SELECT COUNT(*) FROM notifications WHERE order_id = ? AND status = 'SENT' AND attempts = 1",
                        notification.order().orderId()))
                .isEqualTo(2);
    }

    @Test
    void readyOrderIsForTheCustomerOnly() {
        var activities = activities(NotificationProperties.Mode.SMTP);

        activities.notify(notification(NotificationKind.READY));

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(restaurant.received()).isEmpty();
    }

    @Test
    void failedWebhookIsRetriedWithoutSendingTheEmailAgain() {
        var activities = activities(NotificationProperties.Mode.SMTP);
        var notification = notification(NotificationKind.CANCELLED);
        restaurant.answer(503, null);

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.notify(notification));
        restaurant.answer(204, null);
        activities.notify(notification);

        assertThat(failure.getType()).isEqualTo(NotificationActivitiesImpl.NOTIFICATION_FAILED);
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(restaurant.received()).hasSize(2);
        assertThat(db.count(
                        "SELECT attempts FROM notifications WHERE order_id = ? AND channel = 'WEBHOOK' AND status = 'SENT'",
                        notification.order().orderId()))
                .isEqualTo(2);
    }

    @Test
    void logModeRecordsTheEmailWithoutAMailServer() {
        var activities = activities(NotificationProperties.Mode.LOG);
        var notification = notification(NotificationKind.REJECTED);

        activities.notify(notification);

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(db.count(
                        "SELECT COUNT(*) FROM notifications WHERE order_id = ? AND channel = 'EMAIL' AND status = 'SENT'",
                        notification.order().orderId()))
                .isEqualTo(1);
    }

    @Test
    void restaurantEmailIsSentWhenConfigured() throws Exception {
        endpoints.upsert(new RestaurantEndpoint(TENANT, null, null, "kitchen@pizzeria.example"));
        var activities = activities(NotificationProperties.Mode.SMTP);

        activities.notify(notification(NotificationKind.CONFIRMED));

        assertThat(SMTP.getReceivedMessages())
                .extracting(message -> message.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("ana@example.com", "kitchen@pizzeria.example");
        assertThat(restaurant.received()).as("the webhook was removed").isEmpty();
    }

    private NotificationActivitiesImpl activities(NotificationProperties.Mode mode) {
        var properties = new NotificationProperties(
                new NotificationProperties.Email(mode, "orders@comanda.test"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                new NotificationProperties.AccountEmailRelaying(true, Duration.ofSeconds(1), 50),
                NotificationProperties.OutboxRelaying.DEFAULTS);
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(SMTP.getSmtp().getPort());
        var mail = new StaticListableBeanFactory(java.util.Map.of("mailSender", mailSender))
                .getBeanProvider(JavaMailSender.class);
        return new NotificationActivitiesImpl(new NotificationDelivery(
                new NotificationRepository(db.jdbc()),
                endpoints,
                new EmailSender(properties, mail),
                new RestaurantWebhooks(RestClient.builder(), properties),
                properties,
                JSON));
    }

    private static Notification notification(NotificationKind kind) {
        OrderState order = TestOrders.confirmed(TENANT, "ana@example.com");
        return new Notification(OrderContract.effectKey(order.orderId(), "notify-" + kind), kind, order);
    }
}
