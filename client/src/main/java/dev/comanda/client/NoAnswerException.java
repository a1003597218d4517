package dev.comanda.client;

/**
 * The server gave no answer: the connection was refused or reset, or the request timed out. The call may
 * or may not have taken effect; a placement retried under the same Idempotency-Key is safe.
 */
public final class NoAnswerException extends ComandaClientException {

    NoAnswerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What went wrong on the wire: {@code ConnectException}, {@code HttpTimeoutException}, ... */
    public String kind() {
        return getCause() == null ? "unknown" : getCause().getClass().getSimpleName();
    }
}
