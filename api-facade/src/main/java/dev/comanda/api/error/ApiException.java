package dev.comanda.api.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A client error with the HTTP status it maps to and, when a field is at fault, the field's name.
 * Thrown by controllers and services; rendered as problem+json by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;
    private final Unavailable.Dependency dependency;
    private final ProblemType type;

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        this(status, detail, errors, null, ProblemType.forStatus(status));
    }

    private ApiException(
            HttpStatus status,
            String detail,
            List<FieldError> errors,
            Unavailable.Dependency dependency,
            ProblemType type) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.dependency = dependency;
        this.type = type;
    }

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    /** A problem of a specific type, with the status the type comes with. */
    public ApiException(ProblemType type, String detail) {
        this(type.status(), detail, List.of(), null, type);
    }

    public static ApiException invalidField(String field, String message) {
        return invalidField(ProblemType.VALIDATION, field, message);
    }

    /** 422 of a specific type ({@link ProblemType#OUT_OF_STOCK}, say) naming the field at fault. */
    public static ApiException invalidField(ProblemType type, String field, String message) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                field + ": " + message,
                List.of(new FieldError(field, message)),
                null,
                type);
    }

    /** A problem of a specific type answered with another status than its usual one (429 overloaded). */
    protected ApiException(ProblemType type, HttpStatus status, String detail) {
        this(status, detail, List.of(), null, type);
    }

    /** 409: the order's status (or the caller's role) does not allow the move. */
    public static ApiException illegalTransition(String detail) {
        return new ApiException(ProblemType.ILLEGAL_TRANSITION, detail);
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST, parameter + ": " + message, List.of(new FieldError(parameter, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
    }

    /** 503: the dependency is out of reach or did not answer in time; the client may retry shortly. */
    public static ApiException unavailable(Unavailable.Dependency dependency, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of(), dependency, ProblemType.UNAVAILABLE);
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The dependency a 503 blames, or empty. */
    public java.util.Optional<Unavailable.Dependency> dependency() {
        return java.util.Optional.ofNullable(dependency);
    }

    /** One offending field (JSON path such as {@code items[0].quantity}) or query parameter. */
    public record FieldError(String field, String message) {}
}
