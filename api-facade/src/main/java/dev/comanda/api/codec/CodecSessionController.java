package dev.comanda.api.codec;

import dev.comanda.api.identity.StaffAuthentication;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec session: Temporal UI calls the codec from the browser and can send nothing but the browser's
 * cookies ("include cross-origin credentials"), so a signed-in OPS person (the kitchen board does it)
 * hands the API their access token once, and gets it back as a cookie only the codec reads:
 *
 * <ul>
 *   <li>{@code HttpOnly} (no page script reads it), {@code Path=/codec} (no other endpoint gets it),
 *       {@code SameSite=Strict} (sent only from the API's own site: Temporal UI must be served on it, as the
 *       local run's and Compose's are), {@code Secure} when the request came over https;
 *   <li>it lives as long as the access token it carries (5 minutes), and every check of that token applies
 *       to it (a logout, a role change or a disabled account stops it at once); the board opens it again
 *       with each token it refreshes, so it ends within minutes of the board's tab closing.
 * </ul>
 *
 * Who may open one is SecurityConfiguration's business (a person with OPS; API keys and the operator
 * send their credential in a header instead). Closing it needs no credential: it only expires the cookie
 * of the browser that asks.
 */
@RestController
@RequestMapping("/codec/session")
// Part of Temporal UI's codec surface, like /codec itself: docs/personal-data.md describes it.
@Hidden
class CodecSessionController {

    /** The cookie's name; a {@code __Host-} prefix would demand {@code Path=/}, wider than the codec. */
    static final String COOKIE = "comanda_codec";

    private static final String PATH = "/codec";

    private final Clock clock;

    CodecSessionController(Clock clock) {
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Void> open(Authentication caller, HttpServletRequest request) {
        var person = (StaffAuthentication) caller;
        var life = Duration.between(clock.instant(), person.expiresAt());
        return withCookie(request, (String) person.getCredentials(), life.isNegative() ? Duration.ZERO : life);
    }

    @DeleteMapping
    ResponseEntity<Void> close(HttpServletRequest request) {
        return withCookie(request, "", Duration.ZERO);
    }

    private static ResponseEntity<Void> withCookie(HttpServletRequest request, String value, Duration maxAge) {
        var cookie = ResponseCookie.from(COOKIE, value)
                .path(PATH)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .build();
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                // The answer carries a credential: no cache keeps it.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
