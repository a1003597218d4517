package dev.comanda.api.auth;

import dev.comanda.api.ApiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The operator key's one check: constant-time, and no key at all while none is configured. */
@Component
class OperatorKeyAuthenticationProvider implements AuthenticationProvider {

    private final byte[] expected;

    OperatorKeyAuthenticationProvider(ApiProperties properties) {
        this.expected = properties.operatorKey().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var key = (String) authentication.getCredentials();
        if (expected.length == 0
                || key == null
                || !MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8))) {
            throw new BadCredentialsException("a valid " + OperatorKeyAuthentication.HEADER + " header is required");
        }
        return OperatorKeyAuthentication.authenticated();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OperatorKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
