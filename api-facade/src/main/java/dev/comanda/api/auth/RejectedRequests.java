package dev.comanda.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses a request before any controller sees it: a method no endpoint has
 * ({@code QUERY}, {@code FOO}), an encoded {@code %25} or {@code /}, a control character in the path. Left to
 * itself it answers through the servlet container's error page; here it answers problem+json like every
 * other error: 405 for the method, 400 for anything else.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    /** The methods the API has endpoints for; any other is not a malformed request but a wrong method. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!KNOWN_METHODS.contains(request.getMethod())) {
            problems.write(
                    response,
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "method " + request.getMethod() + " is not supported",
                    null);
            return;
        }
        problems.write(response, HttpStatus.BAD_REQUEST, "the request's URL is malformed", null);
    }
}
