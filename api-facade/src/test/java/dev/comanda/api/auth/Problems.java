package dev.comanda.api.auth;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.comanda.api.error.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** What every error of the API looks like on the wire: RFC 9457 problem+json. */
public final class Problems {

    private Problems() {}

    /** The status, problem+json, and its type, title and status members. */
    public static ResultMatcher problem(HttpStatus status) {
        return all(
                status().is(status.value()),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value(org.hamcrest.Matchers.in(typesOf(status))),
                jsonPath("$.title").value(status.getReasonPhrase()),
                jsonPath("$.status").value(status.value()));
    }

    /** A problem of exactly this type, with the status it comes with. */
    public static ResultMatcher problem(ProblemType type) {
        return all(problem(type.status()), jsonPath("$.type").value(type.uri().toString()));
    }

    /** The type URIs a problem of this status may have: the generic one and the specific ones. */
    private static java.util.List<String> typesOf(HttpStatus status) {
        return java.util.Arrays.stream(ProblemType.values())
                .filter(type -> type.status() == status
                        || (type == ProblemType.OVERLOADED && status == HttpStatus.TOO_MANY_REQUESTS))
                .map(type -> type.uri().toString())
                .toList();
    }

    /** A problem whose {@code errors} name {@code field}. */
    public static ResultMatcher fieldError(HttpStatus status, String field) {
        return all(
                problem(status),
                jsonPath("$.errors[*].field", hasItem(field)),
                jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(field + ": ")));
    }

    /** 503 with Retry-After, naming the dependency out of reach. */
    public static ResultMatcher unavailable(String dependency) {
        return all(
                problem(HttpStatus.SERVICE_UNAVAILABLE),
                header().string("Retry-After", "1"),
                jsonPath("$.dependency").value(dependency));
    }

    /** 401 asking for a bearer token. */
    public static ResultMatcher unauthenticated() {
        return all(problem(HttpStatus.UNAUTHORIZED), header().string("WWW-Authenticate", "Bearer realm=\"comanda\""));
    }

    /** 403 from Spring Security's access-denied handler: the caller's role may not call the endpoint. */
    public static ResultMatcher forbidden() {
        return all(problem(HttpStatus.FORBIDDEN), jsonPath("$.detail").value(SecurityProblems.FORBIDDEN));
    }

    private static ResultMatcher all(ResultMatcher... matchers) {
        return result -> {
            for (var matcher : matchers) {
                matcher.match(result);
            }
        };
    }
}
