package dev.comanda.api.codec;

import dev.comanda.api.auth.OperatorKeyAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.util.WebUtils;

/**
 * Where the codec endpoint finds its caller's token: the {@code Authorization: Bearer} header (the CLI's
 * {@code --codec-auth}, scripts), else — on {@code POST /codec/decode} and {@code /codec/encode} only — the
 * codec session's cookie ({@link CodecSessionController}), which a browser sends with Temporal UI's
 * "include cross-origin credentials". The token is checked exactly as a header's (signature, expiry,
 * the session denylist): the cookie only carries it. Opening a session takes the header, never the cookie.
 */
public final class CodecCredentials implements BearerTokenResolver {

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        var token = header.resolve(request);
        if (token != null
                // The operator key authenticates on its own; a cookie beside it must not replace it.
                || request.getHeader(OperatorKeyAuthentication.HEADER) != null
                || !HttpMethod.POST.matches(request.getMethod())
                || !isPayloadCall(request.getRequestURI())) {
            return token;
        }
        var cookie = WebUtils.getCookie(request, CodecSessionController.COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private static boolean isPayloadCall(String path) {
        return path.endsWith("/codec/decode") || path.endsWith("/codec/encode");
    }
}
