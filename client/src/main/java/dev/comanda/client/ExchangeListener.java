package dev.comanda.client;

/**
 * Told of every exchange a client makes, once its answer is in and before the caller sees it. What it
 * throws reaches the caller instead of the answer: a contract check can fail the call it judged.
 */
@FunctionalInterface
public interface ExchangeListener {

    void exchanged(Exchange exchange);
}
