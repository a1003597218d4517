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

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        this(status, detail, errors, null);
    }

    private ApiException(HttpStatus status, String detail, List<FieldError> errors, Unavailable.Dependency dependency) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.dependency = dependency;
    }

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message, List.of(new FieldError(field, message)));
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
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of(), dependency);
    }

    public HttpStatus status() {
        return status;
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
