package dev.comanda.activities.sync;

import dev.comanda.activities.OutboundHttp;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs an order to a marketplace endpoint with an {@code Idempotency-Key} (and a signature when the
 * endpoint has a secret) and returns the marketplace's ID for it, read from {@code id} or
 * {@code external_id} of the JSON answer. Non-2xx answers and I/O errors are exceptions.
 */
@Component
class MarketplaceClient {

    private final RestClient rest;
    private final JsonMapper json;

    MarketplaceClient(RestClient.Builder builder, MarketplaceSyncProperties properties, JsonMapper json) {
        this.rest = builder.clone()
                .requestFactory(OutboundHttp.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .build();
        this.json = json;
    }

    String push(MarketplaceEndpoint endpoint, String idempotencyKey, String body) {
        var request = rest.post()
                .uri(endpoint.url())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey);
        if (endpoint.secret() != null && !endpoint.secret().isBlank()) {
            request.header(WebhookSignature.HEADER, WebhookSignature.sign(body, endpoint.secret(), Instant.now()));
        }
        var answer = request.body(body).retrieve().body(String.class);
        var node = json.readTree(answer == null ? "{}" : answer);
        var id = node.path("id").asString(node.path("external_id").asString(null));
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("marketplace " + endpoint.channel() + " answered without an id: " + answer);
        }
        return id;
    }
}
