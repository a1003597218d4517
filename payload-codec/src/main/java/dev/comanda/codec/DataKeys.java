package dev.comanda.codec;

/**
 * Where the codec finds its data keys. A scope is what a key belongs to — a workflow ID (one order's
 * payloads, so erasing a customer deletes the keys of that customer's orders) or {@link
 * PayloadEncryption#NO_CONTEXT_SCOPE} for payloads encoded outside any workflow.
 */
public interface DataKeys {

    /** The key new payloads of {@code scope} are encrypted with: the newest master key's, made on first use. */
    DataKey current(String scope);

    /**
     * The key named in a payload.
     *
     * @throws MissingDataKeyException when it is gone (erased) or its master key is not configured
     */
    DataKey byId(String id);
}
