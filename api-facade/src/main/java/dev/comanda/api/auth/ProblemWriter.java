package dev.comanda.api.auth;

import dev.comanda.api.error.ProblemType;
import dev.comanda.api.error.Unavailable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json from filters and interceptors, which run outside the MVC exception handling. */
@Component
class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String detail, String field) throws IOException {
        var problem = problem(status, detail);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        write(response, status, problem);
    }

    /** A problem of a specific type, with the status it comes with. */
    void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        write(response, type.status(), problem);
    }

    /** The same 503 the controllers' advice answers: Retry-After, and the dependency out of reach. */
    void writeUnavailable(HttpServletResponse response, Unavailable.Dependency dependency) throws IOException {
        var problem = problem(HttpStatus.SERVICE_UNAVAILABLE, Unavailable.DETAIL);
        problem.setProperty(Unavailable.PROPERTY, dependency.label());
        response.setHeader(HttpHeaders.RETRY_AFTER, Unavailable.RETRY_AFTER_SECONDS);
        write(response, HttpStatus.SERVICE_UNAVAILABLE, problem);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemType.forStatus(status).uri());
        return problem;
    }

    private void write(HttpServletResponse response, HttpStatus status, ProblemDetail problem) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
