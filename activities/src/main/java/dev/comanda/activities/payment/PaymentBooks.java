package dev.comanda.activities.payment;

import dev.comanda.order.OrderContract;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.Kind;
import dev.comanda.persistence.payment.PaymentRepository.NewPayment;
import dev.comanda.persistence.payment.PaymentRepository.Status;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.StreamSupport;
import org.springframework.stereotype.Component;

/**
 * The provider's books as the reconciliation reads them: the charges it holds money (or a pending PIX)
 * for, whether a charge is the one an order made, and the refund of a charge no order accounts for.
 * A stray refund is recorded in {@code payments} under a key derived from the provider's charge ID, so
 * however often it is retried the provider sees one refund.
 */
@Component
public class PaymentBooks {

    /** A charge at the provider; {@code status} as the provider spells it (succeeded, pending, ...). */
    public record ProviderCharge(
            String id,
            String status,
            long amountCents,
            String currency,
            String method,
            Instant created,
            String tenantId,
            String orderId) {

        /** Money taken, or a PIX the customer may still pay. */
        public boolean holdsMoney() {
            return "succeeded".equals(status) || "pending".equals(status);
        }
    }

    /** {@code status}: REFUNDED, VOIDED, or NONE when the provider had nothing left to give back. */
    public record StrayRefund(String status, String detail) {}

    private final PaymentProviderClient provider;
    private final PaymentRepository payments;

    PaymentBooks(PaymentProviderClient provider, PaymentRepository payments) {
        this.provider = provider;
        this.payments = payments;
    }

    /** Every charge the provider lists that was created between {@code from} and {@code to}. */
    public List<ProviderCharge> charges(Instant from, Instant to) {
        var data = provider.listCharges().path("data");
        return StreamSupport.stream(data.spliterator(), false)
                .map(charge -> new ProviderCharge(
                        charge.path("id").asString(),
                        charge.path("status").asString(""),
                        charge.path("amount").asLong(),
                        charge.path("currency").asString(""),
                        charge.path("method").asString(""),
                        Instant.ofEpochSecond(charge.path("created").asLong()),
                        charge.path("metadata").path("tenant_id").asString(null),
                        charge.path("metadata").path("order_id").asString(null)))
                .filter(charge ->
                        charge.created().isAfter(from) && charge.created().isBefore(to))
                .toList();
    }

    /** Whether {@code providerChargeId} is the charge the order's own charge key made. */
    public boolean isOrdersCharge(String orderId, String providerChargeId) {
        return payments.findByKey(OrderContract.effectKey(orderId, "charge"))
                .filter(row -> row.kind() == Kind.CHARGE)
                .map(row -> providerChargeId.equals(row.providerId()))
                .orElse(false);
    }

    /** The idempotency key of the refund of a charge no order accounts for. */
    public static String strayRefundKey(String providerChargeId) {
        return "stray-" + providerChargeId + ":refund";
    }

    /** Refunds (or voids) the whole charge under {@link #strayRefundKey}; a repeat returns what the first did. */
    public StrayRefund refundStray(ProviderCharge charge, String reason) {
        var key = strayRefundKey(charge.id());
        var done = payments.findByKey(key);
        if (done.isPresent() && done.get().status() != Status.REQUESTED) {
            return new StrayRefund(
                    done.get().status().name(), "refunded before: " + done.get().providerId());
        }
        var body = done.map(PaymentRepository.PaymentRow::requestBody).orElseGet(() -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("charge", charge.id());
            fields.put("reason", reason);
            return provider.toJson(fields);
        });
        payments.insertRequested(new NewPayment(
                charge.tenantId(),
                charge.orderId(),
                Kind.REFUND,
                key,
                null,
                charge.method().isEmpty() ? "CARD" : charge.method(),
                charge.amountCents(),
                charge.currency().toUpperCase(java.util.Locale.ROOT),
                body));
        try {
            var reply = provider.refund(key, body);
            var status = "canceled".equals(reply.path("status").asString(null)) ? Status.VOIDED : Status.REFUNDED;
            payments.recordOutcome(key, status, reply.path("id").asString(null), null);
            return new StrayRefund(status.name(), "refund " + reply.path("id").asString("?"));
        } catch (ApplicationFailure failure) {
            if (!PaymentProviderClient.PROVIDER_REJECTED.equals(failure.getType())) {
                throw failure;
            }
            // Refunded or voided meanwhile (the order's own refund won the race): nothing is held any more.
            payments.recordFailure(key, Status.FAILED, failure.getOriginalMessage());
            return new StrayRefund("NONE", failure.getOriginalMessage());
        }
    }
}
