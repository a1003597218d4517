package dev.comanda.order;

import static dev.comanda.order.OrderWorkflowFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a placement learns in its own request — the outcome update sent with the start — and PIX orders whose
 * webhooks were lost, which the workflow finds paid by asking the provider.
 */
class OrderWorkflowOutcomeTests {

    private final OrderWorkflowFixture fx = new OrderWorkflowFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aCardOrderAnswersConfirmedToTheUpdateSentWithItsStart() {
        var outcome = fx.placeAndAwaitOutcome(fx.cardDelivery());

        assertThat(outcome.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(outcome.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aDeclinedCardAnswersRejectedWithItsReason() {
        fx.cardsDeclined();

        var outcome = fx.placeAndAwaitOutcome(fx.cardDelivery());

        assertThat(outcome.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(outcome.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
    }

    @Test
    void aPixOrderAnswersAtOnceWithTheCodeTheCustomerPays() {
        var outcome = fx.placeAndAwaitOutcome(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));

        assertThat(outcome.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(outcome.payment().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(outcome.payment().pixCode()).isNotBlank();
    }

    @Test
    void aRepeatedPlacementAttachesToTheSameOrderAndAnswersTheSame() {
        var order = fx.cardDelivery();

        var first = fx.placeAndAwaitOutcome(order);
        var again = fx.placeAndAwaitOutcome(order);

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.orderId()).isEqualTo(first.orderId());
        verify(fx.payments, times(1)).charge(any());
    }

    @Test
    void aPaidPixWhoseWebhooksWereLostGoesOnWithinAMinuteOfAskingTheProvider() {
        when(fx.payments.isPixPaid(OrderWorkflowFixture.CHARGE_ID)).thenReturn(false, false, true);
        var workflow = fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));

        // Checks after 10 s, 20 s more and 40 s more: the third finds it paid, 70 s in.
        fx.env.sleep(Duration.ofSeconds(75));
        var state = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThat(state.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        verify(fx.payments, times(3)).isPixPaid(OrderWorkflowFixture.CHARGE_ID);
        verify(fx.payments, never()).refund(any());
    }

    @Test
    void theWebhookStillConfirmsWithoutAskingTheProvider() {
        var workflow = fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));
        workflow.pixConfirmed(new PixConfirmation(OrderWorkflowFixture.CHARGE_ID));

        awaitStatus(workflow, OrderStatus.CONFIRMED);

        verify(fx.payments, never()).isPixPaid(any());
    }

    @Test
    void aFailedCheckIsOnlyNotYetAndTheNextOneTells() {
        when(fx.payments.isPixPaid(OrderWorkflowFixture.CHARGE_ID))
                .thenThrow(ApplicationFailure.newNonRetryableFailure("provider down", "PaymentProviderUnavailable"))
                .thenReturn(true);
        var workflow = fx.start(fx.order(PaymentMethod.PIX, Fulfilment.takeaway()));

        fx.env.sleep(Duration.ofSeconds(35));
        var state = awaitStatus(workflow, OrderStatus.CONFIRMED);

        assertThat(state.payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        verify(fx.payments, never()).refund(any());
    }
}
