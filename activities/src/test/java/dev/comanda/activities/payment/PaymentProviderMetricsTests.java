package dev.comanda.activities.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ObservabilityProperties;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call to the real sandbox provider is timed under its operation and outcome. */
class PaymentProviderMetricsTests {

    private final PaymentSandbox sandbox = new PaymentSandbox();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private PaymentProviderClient provider;

    @BeforeEach
    void start() {
        sandbox.start(SandboxConfig.forTests());
        provider = PaymentTestSupport.client(
                PaymentTestSupport.properties(sandbox, Duration.ofSeconds(2)),
                new ComandaMetrics(meters, ObservabilityProperties.DEFAULTS));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void approvedChargeIsTimedAsSuccess() {
        provider.charge(UUID.randomUUID().toString(), card("tok_visa"));

        assertThat(calls("charge", "success")).isOne();
    }

    @Test
    void declinedChargeIsTimedAsDeclinedNotAsAnError() {
        catchThrowableOfType(
                ApplicationFailure.class,
                () -> provider.charge(UUID.randomUUID().toString(), card("tok_decline")));

        assertThat(calls("charge", "declined")).isOne();
        assertThat(calls("charge", "unavailable")).isZero();
    }

    @Test
    void providerFaultIsTimedAsUnavailable() {
        catchThrowableOfType(
                ApplicationFailure.class,
                () -> provider.charge(UUID.randomUUID().toString(), card("tok_fail_once")));

        assertThat(calls("charge", "unavailable")).isOne();
    }

    private String card(String token) {
        return provider.toJson(Map.of("amount", 1000, "currency", "brl", "method", "CARD", "card_token", token));
    }

    private long calls(String operation, String outcome) {
        return meters.get("comanda.payment.provider.requests")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer()
                .count();
    }
}
