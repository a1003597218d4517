package dev.comanda.api.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the API checks the payment provider's webhooks: the same {@code comanda.payments.*} keys (env
 * {@code COMANDA_PAYMENTS_*}) the workers' payment activities read, so one setting serves both.
 *
 * @param webhookSecret HMAC key the provider signs webhooks with ({@code COMANDA_PAYMENTS_WEBHOOK_SECRET})
 * @param webhookTolerance how old a signed webhook may be before it counts as a replay
 */
@ConfigurationProperties("comanda.payments")
public record PaymentWebhookProperties(
        @DefaultValue("whsec_comanda") String webhookSecret,
        @DefaultValue("5m") Duration webhookTolerance) {}
