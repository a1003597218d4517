package dev.comanda.api.payment;

import dev.comanda.order.OrderContract;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.payment.PaymentRepository;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the API's payment webhook endpoint calls: checks the provider's signature and finds whose PIX
 * charge was paid, so the API can signal that order's workflow: from the event's signed metadata, or,
 * without it, from the charge's {@code payments} row. It never writes: the workflow records the payment
 * through its payment activity, the table's owner. Safe to call again for the same event (providers
 * redeliver): the same order comes back.
 */
@Service
public class PixConfirmations {

    static final String CHARGE_SUCCEEDED = "charge.succeeded";

    /** The order whose PIX charge the provider confirmed. The tenant comes from our row, not the event. */
    public record ConfirmedPix(String tenantId, String orderId, String providerChargeId) {}

    /** The webhook is not from the provider (bad or missing signature, or too old): answer 400, do nothing. */
    public static final class InvalidWebhookSignatureException extends RuntimeException {
        InvalidWebhookSignatureException() {
            super("invalid or expired " + WebhookSignature.HEADER + " header");
        }
    }

    private final PaymentRepository payments;
    private final PaymentWebhookProperties properties;
    private final JsonMapper json;

    PixConfirmations(PaymentRepository payments, PaymentWebhookProperties properties, JsonMapper json) {
        this.payments = payments;
        this.properties = properties;
        this.json = json;
    }

    /** Whether the provider signed exactly {@code body}, recently enough not to be an old capture replayed. */
    public boolean isSigned(String signatureHeader, String body) {
        return WebhookSignature.verify(
                signatureHeader, body, properties.webhookSecret(), properties.webhookTolerance());
    }

    /** How long a signature stays acceptable; a replay guard must remember signatures this long. */
    public Duration signatureTolerance() {
        return properties.webhookTolerance();
    }

    /**
     * Verifies one webhook and names the order it pays. Empty when the event is genuine but not a PIX payment of ours
     * (another event type, a card charge, an unknown charge): the API acknowledges it and moves on.
     *
     * @throws InvalidWebhookSignatureException when the signature does not verify
     */
    public Optional<ConfirmedPix> confirm(String signatureHeader, String body) {
        if (!isSigned(signatureHeader, body)) {
            throw new InvalidWebhookSignatureException();
        }
        tools.jackson.databind.JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        var chargeId = event.path("data").path("id").asString(null);
        if (!CHARGE_SUCCEEDED.equals(event.path("type").asString(null)) || chargeId == null) {
            return Optional.empty();
        }
        var data = event.path("data");
        var metadata = data.path("metadata");
        var tenantId = metadata.path("tenant_id").asString("");
        var orderId = metadata.path("order_id").asString("");
        if (OrderContract.isTenantId(tenantId) && OrderContract.isOrderId(orderId)) {
            // The provider signed the order it was given when the charge was made: that order's workflow
            // is told without reading the database (a webhook during a database outage still lands). The
            // workflow takes a confirmation only for its own charge ID, so a stale or foreign one changes
            // nothing, and a closed workflow (a voided charge) is not there to be told.
            var method = data.path("method").asString("PIX");
            return "PIX".equalsIgnoreCase(method)
                    ? Optional.of(new ConfirmedPix(tenantId, orderId, chargeId))
                    : Optional.empty();
        }
        // No usable metadata: the charge's row, written by the charge activity, names the order.
        var row = payments.findByProviderId(chargeId);
        if (row.isEmpty()
                || row.get().kind() != PaymentRepository.Kind.CHARGE
                || !"PIX".equals(row.get().method())
                || row.get().status() == PaymentRepository.Status.VOIDED) {
            return Optional.empty();
        }
        return Optional.of(new ConfirmedPix(row.get().tenantId(), row.get().orderId(), chargeId));
    }
}
