package dev.comanda.api.error;

import dev.comanda.api.error.ApiException.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

/**
 * Every error leaves as RFC 9457 problem+json: a title, a detail, and {@code errors} naming each
 * offending field by its JSON path or parameter name. Nothing a client sends can produce a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException e) {
        if (e instanceof Overloaded overloaded) {
            return shed(overloaded);
        }
        if (e instanceof TooManyAttempts tooMany) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()))
                    .body(problemDetail(e.type(), HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), List.of()));
        }
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            return unavailable(e.getMessage(), e.dependency().orElse(null));
        }
        return ResponseEntity.status(e.status()).body(problemDetail(e.type(), e.status(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        var message = "must be a valid "
                + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName());
        return problem(
                HttpStatus.BAD_REQUEST, e.getName() + ": " + message, List.of(new FieldError(e.getName(), message)));
    }

    /**
     * Tomcat could not decode the query string or form (an empty parameter name, broken percent-encoding):
     * the request is malformed, whichever parameter the handler asked for first.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> handleUnreadableParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        var message = "the query string is malformed";
        return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError("query", message)));
    }

    /**
     * A parameter's name or value the firewall refuses once it is read (a control character, a code point no
     * text has): Spring Security checks them lazily, when an endpoint reads the query, so it arrives here.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejectedParameter(RequestRejectedException e) {
        var message = "the query string holds a parameter name or value that is not text";
        return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError("query", message)));
    }

    /**
     * A dependency out of reach (database down or its pool exhausted, Redis, Temporal), found anywhere in
     * the cause chain: a 503 the client may retry, not a 500. Nothing was written, since the failed
     * statement's transaction rolled back, or the workflow call never arrived.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            // Method security's refusals belong to Spring Security's access-denied handler and entry point.
            throw e;
        }
        var dependency = Unavailable.dependencyOf(e);
        if (dependency.isPresent()) {
            log.warn("{} unavailable: {}", dependency.get().label(), e.toString());
            return unavailable(Unavailable.DETAIL, dependency.get());
        }
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", List.of());
    }

    /** 503 with Retry-After and, when known, the dependency at fault in {@code dependency}. */
    static ResponseEntity<Object> unavailable(String detail, Unavailable.Dependency dependency) {
        var problem = problemDetail(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
        if (dependency != null) {
            problem.setProperty(Unavailable.PROPERTY, dependency.label());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Unavailable.RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** 503 or 429 of admission control: Retry-After as configured, and the limit reached in {@code reason}. */
    private static ResponseEntity<Object> shed(Overloaded e) {
        var problem = problemDetail(ProblemType.OVERLOADED, e.status(), e.getMessage(), List.of());
        problem.setProperty(Overloaded.PROPERTY, e.reason());
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        var first = errors.isEmpty()
                ? "invalid request"
                : errors.getFirst().field() + ": " + errors.getFirst().message();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, first, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new ArrayList<FieldError>();
        var bodyErrors = new ArrayList<FieldError>();
        e.getParameterValidationResults().forEach(result -> {
            // A validated body arrives here too when a path or query parameter of the same method has
            // constraints: its errors name the body's fields, as they do without such a parameter.
            if (result instanceof ParameterErrors body) {
                body.getFieldErrors()
                        .forEach(field -> bodyErrors.add(new FieldError(field.getField(), field.getDefaultMessage())));
                return;
            }
            var name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(new FieldError(name, error.getDefaultMessage())));
        });
        bodyErrors.sort(java.util.Comparator.comparing(FieldError::field));
        var answer =
                errors.isEmpty() && !bodyErrors.isEmpty() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        errors.addAll(bodyErrors);
        var first = errors.isEmpty()
                ? "invalid request"
                : errors.getFirst().field() + ": " + errors.getFirst().message();
        return problem(answer, first, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var cause = e.getMostSpecificCause();
        // A value of the wrong type, or a number out of range or too long, belongs to a field; anything
        // else the parser trips on makes the whole body malformed, wherever it happened to stop.
        if (cause instanceof JacksonException mapping
                && !mapping.getPath().isEmpty()
                && (cause instanceof DatabindException
                        || cause instanceof InputCoercionException
                        || cause instanceof StreamConstraintsException)) {
            var field = path(mapping);
            var message = "has the wrong type or format";
            return problem(HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
        }
        var message = cause instanceof JacksonException ? "malformed JSON" : "request body is missing or unreadable";
        return problem(HttpStatus.BAD_REQUEST, message, List.of(new FieldError("body", message)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                e.getParameterName() + ": is required",
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> handleMissingHeader(MissingRequestHeaderException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                e.getHeaderName() + ": header is required",
                List.of(new FieldError(e.getHeaderName(), "header is required")));
    }

    /** Framework errors (405, 406, 415, ...) keep their status but get the same body shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : e.getMessage();
        var response = problem(status, detail, List.of());
        return ResponseEntity.status(status).headers(headers).body(response.getBody());
    }

    static ResponseEntity<Object> problem(HttpStatusCode status, String detail, List<FieldError> errors) {
        return ResponseEntity.status(status).body(problemDetail(status, detail, errors));
    }

    private static ProblemDetail problemDetail(HttpStatusCode status, String detail, List<FieldError> errors) {
        return problemDetail(ProblemType.forStatus(status), status, detail, errors);
    }

    private static ProblemDetail problemDetail(
            ProblemType type, HttpStatusCode status, String detail, List<FieldError> errors) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
