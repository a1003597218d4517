package dev.comanda.payment;

import dev.comanda.order.Money;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Calls to the payment provider. Both methods send the idempotency key to the provider and record the
 * result in {@code payments} under a unique key, so a retry never charges or refunds twice.
 */
@ActivityInterface(namePrefix = "Payment")
public interface PaymentActivities {

    /**
     * CARD: charges synchronously; a decline is the non-retryable type
     * {@link dev.comanda.order.OrderContract#PAYMENT_DECLINED}. PIX: creates a pending charge whose
     * confirmation arrives later as a signal. Provider errors and timeouts are retryable.
     */
    @ActivityMethod
    Charge charge(ChargeRequest request);

    /**
     * Refunds what the charge made with {@code chargeKey} captured, or voids it while still pending. A
     * charge that never happened is a no-op (the compensation is registered before the charge).
     */
    @ActivityMethod
    Refund refund(RefundRequest request);

    /**
     * Records that the provider confirmed the PIX charge made with {@code chargeKey}: its {@code payments}
     * row turns SUCCEEDED with the provider's charge ID. Idempotent: a repeat, or a charge no longer
     * pending, changes nothing.
     */
    @ActivityMethod
    void recordPixPaid(PixPaid request);

    /**
     * Whether the provider holds the PIX charge as paid: asked while the order waits for the webhook, which
     * stays the fast path. A read, repeatable at will.
     */
    @ActivityMethod
    boolean isPixPaid(String providerChargeId);

    record ChargeRequest(
            String tenantId,
            String orderId,
            String idempotencyKey,
            PaymentMethod method,
            Money amount,
            String cardToken,
            String customerEmail) {}

    /** {@code status}: SUCCEEDED (card) or PENDING (PIX, with the code the customer pays). */
    record Charge(String providerChargeId, PaymentStatus status, Money amount, String pixCode) {}

    record PixPaid(String tenantId, String orderId, String chargeKey, String providerChargeId) {}

    record RefundRequest(String tenantId, String orderId, String idempotencyKey, String chargeKey, String reason) {}

    /** {@code status}: REFUNDED, VOIDED or NONE (nothing had been charged). */
    record Refund(String providerRefundId, PaymentStatus status, Money amount) {}
}
