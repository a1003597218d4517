package dev.comanda.order;

import io.temporal.failure.ApplicationFailure;

/**
 * Who may move or cancel an order, and when. The update validators and the update handlers both ask
 * here: the validator rejects an illegal request before it reaches history, the handler asks again
 * because another update may have moved the order in between.
 */
final class OrderRules {

    private OrderRules() {}

    static void requireLegalMove(
            OrderStatus status, FulfilmentType fulfilment, boolean cancelling, TransitionRequest request) {
        if (request == null || request.target() == null || request.actor() == null) {
            throw illegal("a transition needs a target status and an actor");
        }
        if (!request.actor().mayMoveKitchen()) {
            throw illegal(request.actor() + " may not move an order through the kitchen");
        }
        if (cancelling) {
            throw illegal("cannot move to " + request.target() + ": the order is being cancelled");
        }
        var allowed = status.kitchenMovesFrom(fulfilment);
        if (!allowed.contains(request.target())) {
            throw illegal("cannot move from " + status + " to " + request.target() + "; allowed: " + allowed);
        }
    }

    static void requireCancellable(OrderStatus status, boolean cancelling, CancelRequest request) {
        if (request == null || request.actor() == null) {
            throw illegal("a cancellation needs an actor");
        }
        if (cancelling) {
            throw illegal("the order is already being cancelled");
        }
        if (!status.cancellableBy(request.actor())) {
            throw illegal(request.actor() + " may not cancel an order that is " + status);
        }
    }

    static CancellationReason cancellationReason(Actor actor) {
        return switch (actor) {
            case CUSTOMER -> CancellationReason.CUSTOMER_REQUEST;
            case SYSTEM -> CancellationReason.NOT_ACCEPTED_IN_TIME;
            case KITCHEN, ADMIN, OPS, DEVICE -> CancellationReason.RESTAURANT_REQUEST;
        };
    }

    /** Thrown from an update handler or validator, it fails the update, never the workflow. */
    private static ApplicationFailure illegal(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, OrderContract.ILLEGAL_TRANSITION);
    }
}
