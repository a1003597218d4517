package dev.comanda.order;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One durable workflow per order, from placement to a terminal status. */
@WorkflowInterface
public interface OrderWorkflow {

    /** Runs the order to COMPLETED, REJECTED or CANCELLED and returns its final state. */
    @WorkflowMethod(name = OrderContract.WORKFLOW_TYPE)
    OrderState place(PlaceOrder order);

    /** The provider confirmed the PIX payment. */
    @SignalMethod(name = OrderContract.PIX_CONFIRMED_SIGNAL)
    void pixConfirmed(PixConfirmation confirmation);

    /** A kitchen move; illegal moves are rejected by the validator before they reach history. */
    @UpdateMethod(name = OrderContract.TRANSITION_UPDATE)
    OrderState transition(TransitionRequest request);

    @UpdateValidatorMethod(updateName = OrderContract.TRANSITION_UPDATE)
    void validateTransition(TransitionRequest request);

    /** Cancels the order and returns its state once the compensations have run. */
    @UpdateMethod(name = OrderContract.CANCEL_UPDATE)
    OrderState cancel(CancelRequest request);

    @UpdateValidatorMethod(updateName = OrderContract.CANCEL_UPDATE)
    void validateCancel(CancelRequest request);

    /**
     * The order as soon as it has an outcome the placement can answer: any status past PENDING, or a PIX charge
     * waiting for the customer (its code in the payment). Sent with the start ({@link
     * OrderContract#OUTCOME_UPDATE_ID}), it makes {@code POST /orders} answer CONFIRMED or REJECTED in the same
     * request; it adds no command, only the update's two events.
     */
    @UpdateMethod(name = OrderContract.OUTCOME_UPDATE)
    OrderState outcome();

    @QueryMethod(name = OrderContract.STATE_QUERY)
    OrderState state();
}
