package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;

/**
 * Login throttling on a real API and Redis, with small limits: two failures per account, four per
 * address (every request here comes from 127.0.0.1). Each test starts with no failure counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final String PREFIX = TestRedis.keyPrefix() + "throttle:";

    private RunningApi api;
    private String tenant;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of(
                "comanda.api.redis-prefix", PREFIX,
                "comanda.identity.max-failures-per-account", "2",
                "comanda.identity.max-failures-per-source", "4"));
        tenant = "throttle-" + Long.toHexString(System.nanoTime());
        admin = api.onboard(tenant).get("admin").asString();
    }

    @BeforeEach
    void noFailuresCounted() {
        api.bean(RedissonClient.class).getKeys().deleteByPattern(PREFIX + "login:*");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            noFailuresCounted();
            api.close();
        }
    }

    @Test
    void afterTooManyFailuresOfAnAccountEvenItsPasswordGets429WithRetryAfter() throws Exception {
        var ana = staff();
        var bea = staff();
        login(ana, "wrong password 1");
        login(ana, "wrong password 2");

        var blocked = login(ana, PASSWORD);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 900L);
        assertThat(login(bea, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailIsThrottledLikeAKnownOne() throws Exception {
        var known = staff();
        var unknown = "nobody-" + System.nanoTime() + "@example.com";
        for (var email : new String[] {known, unknown}) {
            login(email, "wrong password 1");
            login(email, "wrong password 2");
        }

        var knownBlocked = login(known, PASSWORD);
        var unknownBlocked = login(unknown, PASSWORD);

        assertThat(knownBlocked.statusCode()).isEqualTo(429);
        assertThat(unknownBlocked.statusCode()).isEqualTo(429);
        assertThat(RunningApi.json(unknownBlocked).path("detail").asString())
                .isEqualTo(RunningApi.json(knownBlocked).path("detail").asString());
    }

    @Test
    void afterTooManyFailuresFromOneAddressEveryAccountGets429() throws Exception {
        var ana = staff();
        for (int i = 0; i < 4; i++) {
            login("guess-" + i + "-" + System.nanoTime() + "@example.com", PASSWORD);
        }

        assertThat(login(ana, PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void aSuccessfulLoginClearsItsAccountsFailures() throws Exception {
        var ana = staff();

        for (int i = 0; i < 3; i++) {
            assertThat(login(ana, "wrong password").statusCode()).isEqualTo(401);
            assertThat(login(ana, PASSWORD).statusCode()).isEqualTo(200);
            noSourceFailures();
        }
    }

    private void noSourceFailures() {
        api.bean(RedissonClient.class).getKeys().deleteByPattern(PREFIX + "login:source:*");
    }

    private String staff() throws Exception {
        var email = "person-" + System.nanoTime() + "@example.com";
        var created = api.send(
                "POST",
                "/api/v1/staff",
                admin,
                Map.of("email", email, "name", "Person", "role", "KITCHEN", "password", PASSWORD),
                TIMEOUT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return email;
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        return api.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant, "email", email, "password", password),
                TIMEOUT);
    }
}
