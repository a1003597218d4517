package dev.comanda.api.error;

/** 429 with {@code Retry-After}: too many tries of something guessable (a password), for a while. */
public class TooManyAttempts extends ApiException {

    private final long retryAfterSeconds;

    public TooManyAttempts(String detail, long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
