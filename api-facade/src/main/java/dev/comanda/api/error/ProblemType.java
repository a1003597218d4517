package dev.comanda.api.error;

import java.net.URI;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The {@code type} of every problem+json answer: a stable URI a client switches on instead of parsing the
 * detail. Each is described in docs/problems.md; {@link #forStatus} gives the generic type of a status for
 * errors nothing more specific is known of (a framework's 405, a filter's 401).
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    ILLEGAL_TRANSITION("illegal-transition", HttpStatus.CONFLICT),
    SYNC_CURSOR_EXPIRED("sync-cursor-expired", HttpStatus.GONE),
    TENANT_OFFBOARDED("tenant-offboarded", HttpStatus.GONE),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    VALIDATION("validation", HttpStatus.UNPROCESSABLE_CONTENT),
    OUT_OF_STOCK("out-of-stock", HttpStatus.UNPROCESSABLE_CONTENT),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS),
    OVERLOADED("overloaded", HttpStatus.SERVICE_UNAVAILABLE),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR);

    /** Where every type lives; docs/problems.md has a section per type under the same name. */
    public static final String BASE = "https://comanda.dev/problems/";

    private final String slug;
    private final HttpStatus status;

    ProblemType(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public String slug() {
        return slug;
    }

    /** The status this type usually comes with ({@link #OVERLOADED} also answers 429). */
    public HttpStatus status() {
        return status;
    }

    /** The generic type of a status: the first declared with it; 500 for any status not listed. */
    public static ProblemType forStatus(HttpStatusCode status) {
        return Arrays.stream(values())
                .filter(type -> type.status.value() == status.value())
                .findFirst()
                .orElse(status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL);
    }
}
