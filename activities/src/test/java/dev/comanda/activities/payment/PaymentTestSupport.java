package dev.comanda.activities.payment;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ObservabilityProperties;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.PaymentMethod;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.ChargeRequest;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.TestOrders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Builds the payment beans by hand on a real database and a real sandbox. */
final class PaymentTestSupport {

    static final String TENANT = "pizzeria-1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentTestSupport() {}

    static PaymentProperties properties(PaymentSandbox sandbox, Duration readTimeout) {
        return new PaymentProperties(
                sandbox.baseUrl(),
                SandboxConfig.DEFAULT_SECRET_KEY,
                Duration.ofSeconds(2),
                readTimeout,
                SandboxConfig.DEFAULT_WEBHOOK_SECRET,
                Duration.ofMinutes(5));
    }

    static PaymentProviderClient client(PaymentProperties properties) {
        return client(properties, new ComandaMetrics(new SimpleMeterRegistry(), ObservabilityProperties.DEFAULTS));
    }

    static PaymentProviderClient client(PaymentProperties properties, ComandaMetrics metrics) {
        return new PaymentProviderClient(RestClient.builder(), properties, JSON, metrics);
    }

    static ChargeRequest card(String orderId, String token) {
        return new ChargeRequest(
                TENANT,
                orderId,
                OrderContract.effectKey(orderId, "charge"),
                PaymentMethod.CARD,
                new Money(9000, "BRL"),
                token,
                "ana@example.com");
    }

    static ChargeRequest pix(String orderId) {
        return new ChargeRequest(
                TENANT,
                orderId,
                OrderContract.effectKey(orderId, "charge"),
                PaymentMethod.PIX,
                new Money(9000, "BRL"),
                null,
                "ana@example.com");
    }

    static PaymentActivities.RefundRequest refundOf(ChargeRequest charge) {
        return new PaymentActivities.RefundRequest(
                TENANT,
                charge.orderId(),
                OrderContract.effectKey(charge.orderId(), "refund"),
                charge.idempotencyKey(),
                "requested_by_customer");
    }

    static String newOrderId() {
        return TestOrders.newOrderId(TENANT);
    }
}
