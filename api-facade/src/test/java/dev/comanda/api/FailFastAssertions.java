package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

/** What every request must get while a dependency is out of reach: a retryable 503 naming it. */
final class FailFastAssertions {

    /** Generous next to the timeouts under test (about 2 s), and well under the fault run's 15 s. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private FailFastAssertions() {}

    static void assertUnavailable(HttpResponse<String> response, String dependency) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        var problem = RunningApi.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("dependency").asString()).isEqualTo(dependency);
        // Nothing of the inside leaks: no SQL, driver or host names, no addresses.
        assertThat(response.body())
                .doesNotContainIgnoringCase("select")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("127.0.0.1");
    }
}
