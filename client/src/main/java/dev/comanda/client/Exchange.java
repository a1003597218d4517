package dev.comanda.client;

import java.net.URI;
import java.util.Map;

/**
 * One request and its answer, as an {@link ExchangeListener} sees it.
 *
 * @param requestBody the body as sent (JSON text), or null when there was none
 */
public record Exchange(
        String method, URI uri, Map<String, String> requestHeaders, String requestBody, RawResponse response) {}
