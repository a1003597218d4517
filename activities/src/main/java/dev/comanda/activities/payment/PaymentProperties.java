package dev.comanda.activities.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment provider and its webhooks ({@code comanda.payments.*}, env {@code COMANDA_PAYMENTS_*}).
 * Defaults point at the payment sandbox on its default port with its default keys.
 *
 * @param baseUrl provider API, e.g. {@code COMANDA_PAYMENTS_BASE_URL}
 * @param secretKey API key sent as a bearer token ({@code COMANDA_PAYMENTS_SECRET_KEY})
 * @param connectTimeout TCP connect timeout of a provider call
 * @param readTimeout how long a provider call may take; below the activity's start-to-close timeout
 * @param webhookSecret HMAC key the provider signs webhooks with ({@code COMANDA_PAYMENTS_WEBHOOK_SECRET})
 * @param webhookTolerance how old a signed webhook may be before it counts as a replay
 */
@ConfigurationProperties("comanda.payments")
public record PaymentProperties(
        @DefaultValue("http://127.0.0.1:8090") String baseUrl,
        @DefaultValue("sk_test_comanda") String secretKey,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("whsec_comanda") String webhookSecret,
        @DefaultValue("5m") Duration webhookTolerance) {}
