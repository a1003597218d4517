package dev.comanda.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * A non-2xx answer, read from its RFC 9457 problem+json body: {@code errors} names each offending field
 * by its JSON path or parameter name. An answer without such a body keeps its status and its text as detail.
 */
public final class ProblemException extends ComandaClientException {

    /** One offending field: its JSON path ({@code items[0].quantity}) or parameter name, and what is wrong. */
    public record FieldError(String field, String message) {}

    /** The problem+json body as the API writes it. */
    public record Problem(
            String type,
            String title,
            int status,
            String detail,
            String instance,
            List<FieldError> errors,
            @JsonProperty("dependency") String dependency,
            @JsonProperty("reason") String reason) {}

    private final int status;
    private final Problem problem;
    private final RawResponse response;

    private ProblemException(int status, Problem problem, RawResponse response) {
        super(status + " " + (problem.title() == null ? "" : problem.title() + ": ") + problem.detail(), null);
        this.status = status;
        this.problem = problem;
        this.response = response;
    }

    static ProblemException of(RawResponse response) {
        Problem problem = null;
        var contentType = response.contentType();
        if (contentType != null && contentType.contains("json") && response.body().length > 0) {
            try {
                problem = Transport.JSON.readValue(response.body(), Problem.class);
            } catch (JacksonException e) {
                problem = null;
            }
        }
        if (problem == null) {
            problem = new Problem(null, null, response.status(), response.text(), null, List.of(), null, null);
        }
        return new ProblemException(response.status(), problem, response);
    }

    public int status() {
        return status;
    }

    /** The problem's type URI, one of {@link ProblemTypes}; null when the answer had no problem+json body. */
    public String type() {
        return problem.type();
    }

    /** Whether this is a problem of that type ({@link ProblemTypes#OUT_OF_STOCK}, say). */
    public boolean is(String type) {
        return type.equals(problem.type());
    }

    public String title() {
        return problem.title();
    }

    public String detail() {
        return problem.detail();
    }

    public List<FieldError> fieldErrors() {
        return problem.errors() == null ? List.of() : problem.errors();
    }

    /** The fields named in {@link #fieldErrors()}. */
    public List<String> fields() {
        return fieldErrors().stream().map(FieldError::field).toList();
    }

    /** On a 503, the dependency the API could not reach ({@code database}, {@code temporal}, ...). */
    public Optional<String> dependency() {
        return Optional.ofNullable(problem.dependency());
    }

    /** On a 503 of admission control, why the API shed the request ({@code orders_in_flight}). */
    public Optional<String> reason() {
        return Optional.ofNullable(problem.reason());
    }

    /** Seconds the server asked to wait before trying again (503, 429), if it said. */
    public Optional<Long> retryAfterSeconds() {
        return response.headers().firstValue("Retry-After").map(Long::parseLong);
    }

    /** Worth repeating unchanged: a server error or throttling. */
    public boolean retryable() {
        return status >= 500 || status == 429;
    }

    public Problem problem() {
        return problem;
    }

    public RawResponse response() {
        return response;
    }
}
