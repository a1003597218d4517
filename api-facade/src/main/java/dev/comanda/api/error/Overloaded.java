package dev.comanda.api.error;

import org.springframework.http.HttpStatus;

/**
 * The request was shed by admission control, not failed by a dependency: 503 when the instance is full,
 * 429 when the caller's restaurant has its share. It answers problem+json with {@code Retry-After} and a
 * {@code reason} property naming the limit that was reached; nothing of the request was written.
 */
public class Overloaded extends ApiException {

    /** The answer's property naming why the request was shed. */
    public static final String PROPERTY = "reason";

    private final String reason;
    private final long retryAfterSeconds;

    public Overloaded(String reason, String detail, long retryAfterSeconds) {
        this(HttpStatus.SERVICE_UNAVAILABLE, reason, detail, retryAfterSeconds);
    }

    public Overloaded(HttpStatus status, String reason, String detail, long retryAfterSeconds) {
        super(ProblemType.OVERLOADED, status, detail);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String reason() {
        return reason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
