package dev.comanda.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * What Spring Security answers when it refuses a request, as problem+json like every other error: 401
 * from the entry points (a bearer token, or the operator key where only that is taken), 503 when the
 * credential's store is out of reach, 403 from the access-denied handler.
 */
@Component
class SecurityProblems implements AccessDeniedHandler {

    static final String BEARER_REQUIRED = "a valid bearer token is required";
    static final String OPERATOR_KEY_REQUIRED = "a valid " + OperatorKeyAuthentication.HEADER + " header is required";
    static final String FORBIDDEN = "the caller's role may not do this";

    private final ProblemWriter problems;

    SecurityProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * 401 for the tenant API: a bearer token is asked for ({@code WWW-Authenticate}), unless the caller
     * sent an operator key, which was wrong.
     */
    ProblemWriter writer() {
        return problems;
    }

    AuthenticationEntryPoint bearer() {
        return (request, response, failure) -> {
            if (unavailable(response, failure)) {
                return;
            }
            if (request.getHeader(OperatorKeyAuthentication.HEADER) != null) {
                problems.write(response, HttpStatus.UNAUTHORIZED, OPERATOR_KEY_REQUIRED, null);
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comanda\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, BEARER_REQUIRED, HttpHeaders.AUTHORIZATION);
        };
    }

    /** 401 for the operator's endpoints, which take the operator key and nothing else. */
    AuthenticationEntryPoint operatorKey() {
        return (request, response, failure) ->
                problems.write(response, HttpStatus.UNAUTHORIZED, OPERATOR_KEY_REQUIRED, null);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        problems.write(response, HttpStatus.FORBIDDEN, FORBIDDEN, null);
    }

    private boolean unavailable(HttpServletResponse response, AuthenticationException failure) throws IOException {
        if (failure instanceof TokenStoreUnavailable unavailable) {
            problems.writeUnavailable(response, unavailable.dependency());
            return true;
        }
        return false;
    }
}
