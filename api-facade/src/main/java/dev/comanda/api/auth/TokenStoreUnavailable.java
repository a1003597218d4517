package dev.comanda.api.auth;

import dev.comanda.api.error.Unavailable;
import org.springframework.security.core.AuthenticationException;

/**
 * The credential could not be checked: its store is out of reach. The entry point answers 503 naming
 * the dependency, so a client retries instead of believing its token bad.
 */
final class TokenStoreUnavailable extends AuthenticationException {

    private final transient Unavailable.Dependency dependency;

    TokenStoreUnavailable(Unavailable.Dependency dependency, Throwable cause) {
        super(dependency.label() + " unavailable", cause);
        this.dependency = dependency;
    }

    Unavailable.Dependency dependency() {
        return dependency;
    }
}
