package dev.comanda.order;

/** A kitchen move asked through the API's Workflow Update. */
public record TransitionRequest(OrderStatus target, Actor actor) {}
