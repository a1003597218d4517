package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.RawResponse;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token gets {@link E2eStack#RATE_LIMIT_REQUESTS} requests per {@link E2eStack#RATE_LIMIT_PERIOD};
 * the period is far longer than the burst, so exactly the requests above the limit are refused.
 */
@EndToEnd
class RateLimitTests {

    private static final int ABOVE_LIMIT = 20;
    private static final int CLIENTS = 8;

    private static ComandaClient api;
    private static TestTenant tenant;

    @BeforeAll
    static void onboard(E2eStack stack) {
        api = stack.api();
        tenant = stack.newTenant("burst").withProduct("PIZZA", 4_500, 10);
    }

    @Test
    void burstAboveTheLimitIsThrottledWithRetryAfter() throws Exception {
        var responses = new ArrayList<RawResponse>();
        try (var clients = Executors.newFixedThreadPool(CLIENTS)) {
            var calls = new ArrayList<Future<RawResponse>>();
            for (int i = 0; i < E2eStack.RATE_LIMIT_REQUESTS + ABOVE_LIMIT; i++) {
                calls.add(clients.submit((Callable<RawResponse>)
                        () -> api.withToken(tenant.customer()).raw().get("/api/v1/products")));
            }
            for (var call : calls) {
                responses.add(call.get());
            }
        }

        var throttled = responses.stream().filter(r -> r.status() == 429).toList();
        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(E2eStack.RATE_LIMIT_REQUESTS);
        assertThat(throttled).hasSize(ABOVE_LIMIT);
        assertThat(throttled).allSatisfy(response -> {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
            assertThat(response.header("X-RateLimit-Limit")).isEqualTo(String.valueOf(E2eStack.RATE_LIMIT_REQUESTS));
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
        });
        assertThat(responses.getFirst().header("X-RateLimit-Limit"))
                .isEqualTo(String.valueOf(E2eStack.RATE_LIMIT_REQUESTS));
    }

    @Test
    void anotherTokenIsNotThrottledByThisOnesBurst() {
        var response = api.withToken(tenant.admin()).raw().get("/api/v1/products");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-RateLimit-Remaining"))).isPositive();
    }
}
