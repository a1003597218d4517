package dev.comanda.sandbox;

/** One API call as the sandbox received it, kept so tests and fault runs can see what clients sent. */
public record ReceivedRequest(String method, String path, String idempotencyKey, String body, int status) {}
