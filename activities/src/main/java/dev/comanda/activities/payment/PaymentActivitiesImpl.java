package dev.comanda.activities.payment;

import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentStatus;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.Kind;
import dev.comanda.persistence.payment.PaymentRepository.NewPayment;
import dev.comanda.persistence.payment.PaymentRepository.PaymentRow;
import dev.comanda.persistence.payment.PaymentRepository.Status;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Charges and refunds through the provider, exactly once per idempotency key. The row is written as
 * REQUESTED before the provider is called and completed after; a crash in between leaves a REQUESTED
 * row, and the retry sends the same body under the same key, which the provider answers with the
 * charge it already made. So there is one row and one provider charge per key, whatever fails when.
 */
@Component
class PaymentActivitiesImpl implements PaymentActivities {

    /** Non-retryable: the workflow asked to charge a method that is never charged (CASH). */
    static final String UNSUPPORTED_METHOD = "UnsupportedPaymentMethod";

    private static final Set<Status> CHARGED = Set.of(Status.PENDING, Status.SUCCEEDED, Status.REFUNDED, Status.VOIDED);
    private static final Set<Status> NOTHING_CAPTURED = Set.of(Status.DECLINED, Status.FAILED, Status.VOIDED);

    private final PaymentProviderClient provider;
    private final PaymentRepository payments;

    PaymentActivitiesImpl(PaymentProviderClient provider, PaymentRepository payments) {
        this.provider = provider;
        this.payments = payments;
    }

    @Override
    public Charge charge(ChargeRequest request) {
        if (request.method() == PaymentMethod.CASH) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "CASH is paid on delivery and never charged through the provider (order " + request.orderId() + ")",
                    UNSUPPORTED_METHOD);
        }
        var existing = payments.findByKey(request.idempotencyKey());
        if (existing.isPresent() && CHARGED.contains(existing.get().status())) {
            return toCharge(existing.get());
        }
        if (existing.isPresent() && existing.get().status() == Status.DECLINED) {
            throw ApplicationFailure.newNonRetryableFailure(existing.get().lastError(), OrderContract.PAYMENT_DECLINED);
        }
        var body = existing.map(PaymentRow::requestBody).orElseGet(() -> provider.toJson(chargeBody(request)));
        if (existing.isEmpty()) {
            payments.insertRequested(new NewPayment(
                    request.tenantId(),
                    request.orderId(),
                    Kind.CHARGE,
                    request.idempotencyKey(),
                    null,
                    request.method().name(),
                    request.amount().cents(),
                    request.amount().currency(),
                    body));
        }
        return callCharge(request.idempotencyKey(), body);
    }

    @Override
    public void recordPixPaid(PixPaid request) {
        // A repeat finds the row SUCCEEDED already, and a voided charge stays voided: both change nothing.
        payments.markPixPaid(request.chargeKey(), request.providerChargeId());
    }

    @Override
    public boolean isPixPaid(String providerChargeId) {
        return "succeeded"
                .equals(provider.retrieveCharge(providerChargeId).path("status").asString(null));
    }

    @Override
    public Refund refund(RefundRequest request) {
        var done = payments.findByKey(request.idempotencyKey())
                .filter(row -> row.status() == Status.REFUNDED || row.status() == Status.VOIDED);
        if (done.isPresent()) {
            return toRefund(done.get());
        }
        var found = payments.findByKey(request.chargeKey()).filter(row -> row.kind() == Kind.CHARGE);
        if (found.isEmpty()) {
            // The compensation is registered before the charge: no row means no call was ever made.
            return new Refund(null, PaymentStatus.NONE, null);
        }
        var charge = found.get();
        if (charge.status() == Status.REQUESTED) {
            charge = settleUnknownCharge(charge);
        }
        if (NOTHING_CAPTURED.contains(charge.status()) || charge.status() == Status.REFUNDED) {
            return new Refund(null, PaymentStatus.NONE, money(charge));
        }
        var body = provider.toJson(refundBody(charge.providerId(), request.reason()));
        payments.insertRequested(new NewPayment(
                request.tenantId(),
                request.orderId(),
                Kind.REFUND,
                request.idempotencyKey(),
                charge.idempotencyKey(),
                charge.method(),
                charge.amountCents(),
                charge.currency(),
                body));
        var reply = provider.refund(request.idempotencyKey(), body);
        var status = "canceled".equals(reply.path("status").asString(null)) ? Status.VOIDED : Status.REFUNDED;
        var refundId = requireId(reply, "refund");
        payments.recordOutcome(request.idempotencyKey(), status, refundId, null);
        payments.settleCharge(charge.idempotencyKey(), status);
        return new Refund(refundId, answered(status), money(charge));
    }

    /**
     * The charge's outcome is unknown (the call failed or the worker died mid-call). Sending the
     * stored body again under the same key learns it; should the provider never have seen the first
     * call, this makes the charge now, and the refund that follows gives the money back.
     */
    private PaymentRow settleUnknownCharge(PaymentRow charge) {
        try {
            callCharge(charge.idempotencyKey(), charge.requestBody());
        } catch (ApplicationFailure failure) {
            if (failure.isNonRetryable()) {
                return payments.findByKey(charge.idempotencyKey()).orElseThrow();
            }
            throw failure;
        }
        return payments.findByKey(charge.idempotencyKey()).orElseThrow();
    }

    private Charge callCharge(String key, String body) {
        JsonNode reply;
        try {
            reply = provider.charge(key, body);
        } catch (ApplicationFailure failure) {
            if (OrderContract.PAYMENT_DECLINED.equals(failure.getType())) {
                payments.recordFailure(key, Status.DECLINED, failure.getOriginalMessage());
            } else if (failure.isNonRetryable()) {
                payments.recordFailure(key, Status.FAILED, failure.getOriginalMessage());
            }
            throw failure;
        }
        var status = switch (reply.path("status").asString("")) {
            case "succeeded" -> Status.SUCCEEDED;
            case "pending" -> Status.PENDING;
            default ->
                throw ApplicationFailure.newFailure(
                        "unexpected charge status from the provider: " + reply,
                        PaymentProviderClient.PROVIDER_UNAVAILABLE);
        };
        payments.recordOutcome(
                key, status, requireId(reply, "charge"), reply.path("pix_code").asString(null));
        return toCharge(payments.findByKey(key).orElseThrow());
    }

    private static Map<String, Object> chargeBody(ChargeRequest request) {
        var body = new LinkedHashMap<String, Object>();
        body.put("amount", request.amount().cents());
        body.put("currency", request.amount().currency().toLowerCase(Locale.ROOT));
        body.put("method", request.method().name());
        if (request.cardToken() != null) {
            body.put("card_token", request.cardToken());
        }
        body.put("description", "Comanda order " + request.orderId());
        if (request.customerEmail() != null) {
            body.put("receipt_email", request.customerEmail());
        }
        body.put("metadata", Map.of("order_id", request.orderId(), "tenant_id", request.tenantId()));
        return body;
    }

    private static Map<String, Object> refundBody(String chargeId, String reason) {
        var body = new LinkedHashMap<String, Object>();
        body.put("charge", chargeId);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static String requireId(JsonNode reply, String what) {
        var id = reply.path("id").asString(null);
        if (id == null) {
            throw ApplicationFailure.newFailure(
                    "the provider's " + what + " has no id: " + reply, PaymentProviderClient.PROVIDER_UNAVAILABLE);
        }
        return id;
    }

    /**
     * The row's status as the workflow is told it: only settled outcomes (SUCCEEDED, PENDING, REFUNDED,
     * VOIDED) are ever answered, and they share their names with {@link PaymentStatus}.
     */
    private static PaymentStatus answered(Status status) {
        return PaymentStatus.valueOf(status.name());
    }

    private static Charge toCharge(PaymentRow row) {
        return new Charge(row.providerId(), answered(row.status()), money(row), row.pixCode());
    }

    private static Refund toRefund(PaymentRow row) {
        return new Refund(row.providerId(), answered(row.status()), money(row));
    }

    private static Money money(PaymentRow row) {
        return new Money(row.amountCents(), row.currency());
    }
}
