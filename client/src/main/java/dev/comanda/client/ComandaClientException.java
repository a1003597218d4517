package dev.comanda.client;

/** Whatever a call of the API could not turn into its answer. */
public sealed class ComandaClientException extends RuntimeException permits ProblemException, NoAnswerException {

    ComandaClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
