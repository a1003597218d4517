package dev.comanda.order;

/** A cancellation asked through the API's Workflow Update. */
public record CancelRequest(Actor actor, String note) {}
