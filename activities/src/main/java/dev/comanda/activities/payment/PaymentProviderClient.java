package dev.comanda.activities.payment;

import dev.comanda.activities.OutboundHttp;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.PaymentOperation;
import dev.comanda.observability.ComandaMetrics.PaymentOutcome;
import dev.comanda.order.OrderContract;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP calls to the payment provider. Every call carries the caller's idempotency key, so sending the
 * same request again after a timeout or crash returns the provider's stored answer instead of charging
 * again. Failures come out as Temporal failures: a card decline is the non-retryable
 * {@link OrderContract#PAYMENT_DECLINED}; 5xx, 429, timeouts and connection errors are retryable;
 * any other 4xx is the non-retryable {@link #PROVIDER_REJECTED}, since repeating it cannot help.
 */
@Component
public class PaymentProviderClient {

    /** Retryable: the provider did not answer usefully (5xx, 429, timeout, connection refused). */
    public static final String PROVIDER_UNAVAILABLE = "PaymentProviderUnavailable";
    /** Non-retryable: the provider refused the request itself (auth, validation, state). */
    public static final String PROVIDER_REJECTED = "PaymentProviderRejected";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int PAYMENT_REQUIRED = 402;
    private static final int TOO_MANY_REQUESTS = 429;

    private final RestClient rest;
    private final JsonMapper json;
    private final ComandaMetrics metrics;

    public PaymentProviderClient(
            RestClient.Builder builder, PaymentProperties properties, JsonMapper json, ComandaMetrics metrics) {
        this.rest = builder.clone()
                .baseUrl(properties.baseUrl())
                .requestFactory(OutboundHttp.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .defaultHeader("Authorization", "Bearer " + properties.secretKey())
                .build();
        this.json = json;
        this.metrics = metrics;
    }

    /** {@code POST /v1/charges}: the charge object, or a failure as described on the class. */
    JsonNode charge(String idempotencyKey, String body) {
        return timed(PaymentOperation.CHARGE, "/v1/charges", idempotencyKey, body);
    }

    /** {@code POST /v1/refunds}: the refund object (status succeeded, or canceled for a voided charge). */
    JsonNode refund(String idempotencyKey, String body) {
        return timed(PaymentOperation.REFUND, "/v1/refunds", idempotencyKey, body);
    }

    /** {@code GET /v1/charges}: every charge the provider holds, for the reconciliation to compare with orders. */
    JsonNode listCharges() {
        return get("/v1/charges");
    }

    /** {@code GET /v1/charges/{id}}: one charge as the provider holds it now (its {@code status} among others). */
    JsonNode retrieveCharge(String providerChargeId) {
        if (providerChargeId == null || !providerChargeId.matches("[A-Za-z0-9_]+")) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "not a provider charge ID: " + providerChargeId, PROVIDER_REJECTED);
        }
        return get("/v1/charges/" + providerChargeId);
    }

    private JsonNode get(String path) {
        Reply reply;
        try {
            reply = rest.get()
                    .uri(path)
                    .exchange((request, response) -> new Reply(
                            response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            throw ApplicationFailure.newFailureWithCause(
                    "payment provider unreachable at " + path + ": " + e.getMessage(), PROVIDER_UNAVAILABLE, e);
        }
        if (reply.status() / 100 != 2) {
            throw ApplicationFailure.newFailure(
                    "payment provider answered " + reply.status() + " to GET " + path, PROVIDER_UNAVAILABLE);
        }
        return parse(reply.body(), path);
    }

    String toJson(Object body) {
        return json.writeValueAsString(body);
    }

    /** One provider call, timed and labelled with its outcome (the failure type says which). */
    private JsonNode timed(PaymentOperation operation, String path, String idempotencyKey, String body) {
        var started = System.nanoTime();
        var outcome = PaymentOutcome.UNAVAILABLE;
        try {
            var reply = post(path, idempotencyKey, body);
            outcome = PaymentOutcome.SUCCESS;
            return reply;
        } catch (ApplicationFailure failure) {
            outcome = switch (failure.getType()) {
                case OrderContract.PAYMENT_DECLINED -> PaymentOutcome.DECLINED;
                case PROVIDER_REJECTED -> PaymentOutcome.REJECTED;
                default -> PaymentOutcome.UNAVAILABLE;
            };
            throw failure;
        } finally {
            metrics.paymentRequest(operation, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private JsonNode post(String path, String idempotencyKey, String body) {
        Reply reply;
        try {
            reply = rest.post()
                    .uri(path)
                    .header(IDEMPOTENCY_KEY, idempotencyKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> new Reply(
                            response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            // Timeouts and refused connections: the provider may or may not have seen the call, and
            // a retry with the same key is exactly how to find out.
            throw ApplicationFailure.newFailureWithCause(
                    "payment provider unreachable at " + path + ": " + e.getMessage(), PROVIDER_UNAVAILABLE, e);
        }
        var status = reply.status();
        if (status / 100 == 2) {
            return parse(reply.body(), path);
        }
        var error = parse(reply.body(), path).path("error");
        var description =
                path + " answered " + status + ": " + error.path("code").asString("?") + " – "
                        + error.path("message").asString(reply.body());
        if (status >= 500 || status == TOO_MANY_REQUESTS) {
            throw ApplicationFailure.newFailure("payment provider unavailable: " + description, PROVIDER_UNAVAILABLE);
        }
        if (status == PAYMENT_REQUIRED && "card_error".equals(error.path("type").asString(null))) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "payment declined: "
                            + error.path("decline_code")
                                    .asString(error.path("code").asString("declined")),
                    OrderContract.PAYMENT_DECLINED,
                    error.path("charge").asString(null));
        }
        throw ApplicationFailure.newNonRetryableFailure("payment provider refused: " + description, PROVIDER_REJECTED);
    }

    private JsonNode parse(String body, String path) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JacksonException e) {
            // A proxy's HTML error page, say: nothing to learn from it but the status.
            return json.createObjectNode().put("error_body", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private record Reply(int status, String body) {}
}
