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

    public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
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

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One offending field (JSON path such as {@code items[0].quantity}) or query parameter. */
    public record FieldError(String field, String message) {}
}
