package dev.comanda.activities.notification;

import dev.comanda.activities.OutboundHttp;
import dev.comanda.payment.WebhookSignature;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * POSTs order events to a restaurant's webhook, signed like the payment provider's webhooks
 * ({@link WebhookSignature}) and carrying an {@code Idempotency-Key}, so the restaurant can check the
 * sender and drop a redelivery. Any non-2xx answer or I/O error is an exception: the activity retries.
 */
@Component
class RestaurantWebhooks {

    private final RestClient rest;

    RestaurantWebhooks(RestClient.Builder builder, NotificationProperties properties) {
        this.rest = builder.clone()
                .requestFactory(OutboundHttp.requestFactory(
                        properties.webhookConnectTimeout(), properties.webhookReadTimeout()))
                .build();
    }

    void post(String url, String secret, String idempotencyKey, String body) {
        var request =
                rest.post().uri(url).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", idempotencyKey);
        if (secret != null && !secret.isBlank()) {
            request.header(WebhookSignature.HEADER, WebhookSignature.sign(body, secret, Instant.now()));
        }
        request.body(body).retrieve().toBodilessEntity();
    }
}
