package dev.comanda.activities.payment;

import static dev.comanda.activities.payment.PaymentTestSupport.card;
import static dev.comanda.activities.payment.PaymentTestSupport.newOrderId;
import static dev.comanda.activities.payment.PaymentTestSupport.pix;
import static dev.comanda.activities.payment.PaymentTestSupport.refundOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.comanda.order.OrderContract;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PaymentStatus;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.payment.PaymentActivities.ChargeRequest;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.ReceivedRequest;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.IntegrationDatabase;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentActivitiesTests {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static IntegrationDatabase db;
    private final PaymentSandbox sandbox = new PaymentSandbox();
    private PaymentActivitiesImpl activities;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void start() {
        // A "timeout" stalls well past the client's read timeout.
        sandbox.start(withTimeout(SandboxConfig.forTests(), 3_000));
        var properties = PaymentTestSupport.properties(sandbox, READ_TIMEOUT);
        activities = new PaymentActivitiesImpl(PaymentTestSupport.client(properties), new PaymentRepository(db.jdbc()));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void cardChargeSucceedsAndIsRecorded() {
        var request = card(newOrderId(), "tok_visa");

        var charge = activities.charge(request);

        assertThat(charge.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(charge.providerChargeId()).startsWith("ch_");
        assertThat(charge.amount()).isEqualTo(request.amount());
        assertThat(statusOf(request.idempotencyKey())).isEqualTo("SUCCEEDED");
    }

    @Test
    void declineIsTheNonRetryablePaymentDeclined() {
        var request = card(newOrderId(), "tok_decline");

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(request));

        assertThat(failure.getType()).isEqualTo(OrderContract.PAYMENT_DECLINED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(statusOf(request.idempotencyKey())).isEqualTo("DECLINED");
    }

    @Test
    void providerErrorIsRetryableAndTheRetrySendsTheSameKey() {
        var request = card(newOrderId(), "tok_fail_once");

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(request));
        var retried = activities.charge(request);

        assertThat(failure.getType()).isEqualTo(PaymentProviderClient.PROVIDER_UNAVAILABLE);
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(retried.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(chargeCalls())
                .extracting(ReceivedRequest::idempotencyKey, ReceivedRequest::status)
                .containsExactly(tuple(request.idempotencyKey(), 503), tuple(request.idempotencyKey(), 200));
        assertThat(sandbox.chargeCount()).isEqualTo(1);
    }

    @Test
    void timeoutAfterTheProviderChargedIsRetriedIntoTheSameCharge() {
        var request = card(newOrderId(), "tok_timeout_once");

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(request));
        var retried = activities.charge(request);

        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(statusOf(request.idempotencyKey())).isEqualTo("SUCCEEDED");
        assertThat(retried.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(sandbox.chargeCount()).as("the provider replayed its charge").isEqualTo(1);
        assertThat(rows(request.orderId())).isEqualTo(1);
    }

    @Test
    void chargingTwiceWithTheSameKeyMakesOneRowAndOneProviderCharge() {
        var request = card(newOrderId(), "tok_visa");

        var first = activities.charge(request);
        var second = activities.charge(request);

        assertThat(second).isEqualTo(first);
        assertThat(rows(request.orderId())).isEqualTo(1);
        assertThat(sandbox.chargeCount()).isEqualTo(1);
    }

    @Test
    void otherClientErrorsAreNonRetryable() {
        var request = card(newOrderId(), "tok_visa");
        var wrongKey = new PaymentProperties(
                sandbox.baseUrl(), "sk_wrong", Duration.ofSeconds(2), READ_TIMEOUT, "whsec", Duration.ofMinutes(5));
        var misconfigured =
                new PaymentActivitiesImpl(PaymentTestSupport.client(wrongKey), new PaymentRepository(db.jdbc()));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> misconfigured.charge(request));

        assertThat(failure.getType()).isEqualTo(PaymentProviderClient.PROVIDER_REJECTED);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(statusOf(request.idempotencyKey())).isEqualTo("FAILED");
    }

    @Test
    void cashIsRejectedWithoutCallingTheProvider() {
        var card = card(newOrderId(), null);
        var cash = new ChargeRequest(
                card.tenantId(), card.orderId(), card.idempotencyKey(), PaymentMethod.CASH, card.amount(), null, null);

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(cash));

        assertThat(failure.getType()).isEqualTo(PaymentActivitiesImpl.UNSUPPORTED_METHOD);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(sandbox.receivedRequests()).isEmpty();
    }

    @Test
    void refundingTwiceRefundsOnce() {
        var charge = card(newOrderId(), "tok_visa");
        activities.charge(charge);

        var first = activities.refund(refundOf(charge));
        var second = activities.refund(refundOf(charge));

        assertThat(first.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(first.amount()).isEqualTo(charge.amount());
        assertThat(second).isEqualTo(first);
        assertThat(sandbox.receivedRequests())
                .filteredOn(request -> request.path().equals("/v1/refunds"))
                .hasSize(1);
        assertThat(statusOf(charge.idempotencyKey())).isEqualTo("REFUNDED");
        assertThat(rows(charge.orderId())).isEqualTo(2);
    }

    @Test
    void refundWithoutAChargeIsNoneAndCallsNoProvider() {
        var charge = card(newOrderId(), "tok_visa");

        var refund = activities.refund(refundOf(charge));

        assertThat(refund.status()).isEqualTo(PaymentStatus.NONE);
        assertThat(sandbox.receivedRequests()).isEmpty();
        assertThat(rows(charge.orderId())).isZero();
    }

    @Test
    void refundOfADeclinedChargeIsNone() {
        var charge = card(newOrderId(), "tok_decline");
        catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(charge));

        assertThat(activities.refund(refundOf(charge)).status()).isEqualTo(PaymentStatus.NONE);
        assertThat(sandbox.receivedRequests())
                .noneMatch(request -> request.path().equals("/v1/refunds"));
    }

    @Test
    void refundOfAPendingPixVoidsIt() {
        var charge = pix(newOrderId());
        var pending = activities.charge(charge);

        var refund = activities.refund(refundOf(charge));

        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(pending.pixCode()).isNotBlank();
        assertThat(refund.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(statusOf(charge.idempotencyKey())).isEqualTo("VOIDED");
    }

    @Test
    void confirmedPixIsRecordedPaidOnceAndAVoidedOneStaysVoided() {
        var paid = pix(newOrderId());
        var pending = activities.charge(paid);
        var confirmation = new PaymentActivities.PixPaid(
                paid.tenantId(), paid.orderId(), paid.idempotencyKey(), pending.providerChargeId());

        activities.recordPixPaid(confirmation);
        activities.recordPixPaid(confirmation);

        assertThat(statusOf(paid.idempotencyKey())).isEqualTo("SUCCEEDED");
        assertThat(rows(paid.orderId())).isEqualTo(1);

        var voided = pix(newOrderId());
        var late = activities.charge(voided);
        activities.refund(refundOf(voided));
        activities.recordPixPaid(new PaymentActivities.PixPaid(
                voided.tenantId(), voided.orderId(), voided.idempotencyKey(), late.providerChargeId()));

        assertThat(statusOf(voided.idempotencyKey())).isEqualTo("VOIDED");
    }

    @Test
    void refundAfterAChargeOfUnknownOutcomeSettlesItFirst() {
        var charge = card(newOrderId(), "tok_visa");
        sandbox.reconfigure(withFailureRate(sandbox.config(), 1.0));
        catchThrowableOfType(ApplicationFailure.class, () -> activities.charge(charge));
        sandbox.reconfigure(withFailureRate(sandbox.config(), 0.0));

        var refund = activities.refund(refundOf(charge));

        assertThat(refund.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(sandbox.chargeCount()).isEqualTo(1);
        assertThat(statusOf(charge.idempotencyKey())).isEqualTo("REFUNDED");
    }

    private List<ReceivedRequest> chargeCalls() {
        return sandbox.receivedRequests().stream()
                .filter(request -> request.path().equals("/v1/charges"))
                .toList();
    }

    private String statusOf(String idempotencyKey) {
        return db.jdbc()
                .sql("SELECT status FROM payments WHERE idempotency_key = ?")
                .param(idempotencyKey)
                .query(String.class)
                .single();
    }

    private long rows(String orderId) {
        return db.count("SELECT COUNT(*) FROM payments WHERE order_id = ?", orderId);
    }

    private static SandboxConfig withTimeout(SandboxConfig config, long timeoutMillis) {
        return config.with(Map.of("timeout_ms", timeoutMillis));
    }

    private static SandboxConfig withFailureRate(SandboxConfig config, double rate) {
        return config.with(Map.of("failure_rate", rate));
    }
}
