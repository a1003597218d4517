package dev.comanda.activities.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.notification.NotificationActivities;
import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.PaymentStatus;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.persistence.notification.RestaurantEndpointRepository;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestOrders;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The integration beans as the apps will get them: Spring Boot's auto-configuration (DataSource,
 * Flyway, JsonMapper, RestClient.Builder) plus component scanning of the three packages, with the
 * configuration given as properties. One charge and one notification go through the wired beans.
 */
@SpringBootTest(classes = IntegrationBeansTests.Application.class)
class IntegrationBeansTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan({
        "dev.comanda.activities.payment",
        "dev.comanda.activities.notification",
        "dev.comanda.activities.sync",
        "dev.comanda.persistence.notification",
        "dev.comanda.persistence.payment",
        "dev.comanda.persistence.sync"
    })
    static class Application {}

    private static final TestDatabase DATABASE = TestDatabase.create();
    private static final PaymentSandbox SANDBOX = new PaymentSandbox();

    static {
        SANDBOX.start(SandboxConfig.forTests());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("comanda.payments.base-url", SANDBOX::baseUrl);
        registry.add("comanda.sync.circuit-breaker.sliding-window-size", () -> "20");
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
        DATABASE.close();
    }

    @Autowired
    PaymentActivities payments;

    @Autowired
    NotificationActivities notifications;

    @Autowired
    ExternalSyncActivities sync;

    @Autowired
    RestaurantEndpointRepository restaurantEndpoints;

    @Autowired
    MarketplaceEndpointRepository marketplaceEndpoints;

    @Autowired
    CircuitBreakerRegistry marketplaceCircuitBreakers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void wiredBeansChargeThroughTheConfiguredProviderAndNotifyInLogMode() {
        var charge = PaymentTestSupport.card(PaymentTestSupport.newOrderId(), "tok_visa");
        var order = TestOrders.confirmed(PaymentTestSupport.TENANT, "ana@example.com");

        var charged = payments.charge(charge);
        notifications.notify(new Notification(order.orderId() + ":notify", NotificationKind.READY, order));

        assertThat(charged.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(SANDBOX.chargeCount()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM notifications WHERE order_id = ?")
                        .param(order.orderId())
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");
        assertThat(marketplaceCircuitBreakers.getDefaultConfig().getSlidingWindowSize())
                .isEqualTo(20);
        assertThat(sync).isNotNull();
        assertThat(marketplaceEndpoints.enabledChannels(PaymentTestSupport.TENANT))
                .isEmpty();
        assertThat(restaurantEndpoints.find(PaymentTestSupport.TENANT)).isEmpty();
    }
}
