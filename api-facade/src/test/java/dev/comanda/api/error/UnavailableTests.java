package dev.comanda.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.error.Unavailable.Dependency;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.AuthenticationServiceException;

/** Which dependency a failure blames, whatever wraps it: what turns it into a 503 (or a socket's close reason). */
class UnavailableTests {

    @Test
    void aFailureOfADependencyIsBlamedOnIt() {
        assertThat(Unavailable.dependencyOf(new DataAccessResourceFailureException("connection refused")))
                .contains(Dependency.DATABASE);
        assertThat(Unavailable.dependencyOf(Status.UNAVAILABLE.asRuntimeException()))
                .contains(Dependency.TEMPORAL);
    }

    @Test
    void a503AlreadyMadeBlamesWhatItNamesEvenWrapped() {
        var made = ApiException.unavailable(Dependency.REDIS, Unavailable.DETAIL);

        assertThat(Unavailable.dependencyOf(made)).contains(Dependency.REDIS);
        assertThat(Unavailable.dependencyOf(new CompletionException(made))).contains(Dependency.REDIS);
        // As the event socket's authentication sees a token store out of reach: a close to retry, not a bad token.
        assertThat(Unavailable.dependencyOf(new AuthenticationServiceException("token store", made)))
                .contains(Dependency.REDIS);
    }

    @Test
    void aRefusalOfTheRequestItselfBlamesNoDependency() {
        assertThat(Unavailable.dependencyOf(ApiException.invalidField("channel", "is required")))
                .isEmpty();
        assertThat(Unavailable.dependencyOf(new IllegalStateException("a bug"))).isEmpty();
    }
}
