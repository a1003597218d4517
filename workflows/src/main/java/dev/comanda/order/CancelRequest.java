package dev.comanda.order;

/**
 * A cancellation asked through the API's Workflow Update, or by the workflow itself (SYSTEM). {@code by}
 * (who asked, by name) is null in histories recorded before it existed and for the workflow's own.
 */
public record CancelRequest(Actor actor, String note, ActingParty by) {

    public CancelRequest(Actor actor, String note) {
        this(actor, note, null);
    }
}
