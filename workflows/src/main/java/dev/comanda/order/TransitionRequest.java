package dev.comanda.order;

/**
 * A kitchen move asked through the API's Workflow Update. {@code by} (who asked, by name) is null in
 * histories recorded before it existed and for callers that name nobody.
 */
public record TransitionRequest(OrderStatus target, Actor actor, ActingParty by) {

    public TransitionRequest(OrderStatus target, Actor actor) {
        this(target, actor, null);
    }
}
