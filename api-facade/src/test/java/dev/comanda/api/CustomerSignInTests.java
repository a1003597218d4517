package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.comanda.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redisson.api.RedissonClient;
import tools.jackson.databind.JsonNode;

/**
 * A customer's sign-in by e-mail on a real API, MariaDB and Redis: the code goes out the notification
 * path (a notifications row the relay sends; no workers here, so it waits there with its text), is good
 * once, for a while, for a few tries; every address gets the same answer; the customer's token reads the
 * menu and its own orders, and nothing of the staff's. Small limits: three codes per address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerSignInTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIX = TestRedis.keyPrefix() + "customers:";

    private RunningApi api;
    private EmailCodes mail;
    private String tenant;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of(
                "comanda.api.redis-prefix", PREFIX,
                "comanda.identity.max-codes-per-address", "3",
                "comanda.identity.max-codes-per-source", "1000"));
        mail = new EmailCodes(api);
        tenant = "cust-" + Long.toHexString(System.nanoTime());
        admin = api.onboard(tenant).get("admin").asString();
    }

    @BeforeEach
    void noCodesCounted() {
        api.bean(RedissonClient.class).getKeys().deleteByPattern(PREFIX + "codes:*");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            noCodesCounted();
            api.close();
        }
    }

    @Test
    void theEmailedCodeSignsTheCustomerInAndItsTokenReadsTheMenuAndItsOwnOrders() throws Exception {
        var email = address();

        var requested = requestCode(email);

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        assertThat(RunningApi.json(requested).path("expiresIn").asLong()).isEqualTo(600);
        var code = mail.customerCode(email);
        assertThat(storedHashes()).noneMatch(hash -> hash.contains(code));

        var signedIn = signIn(email, code);

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        var tokens = RunningApi.json(signedIn);
        assertThat(tokens.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expiresIn").asLong()).isEqualTo(3600);
        var claims = SignedJWT.parse(access(tokens)).getJWTClaimsSet();
        assertThat(claims.getSubject())
                .isEqualTo(Long.toString(tokens.path("customerId").asLong()));
        assertThat(claims.getStringClaim("role")).isEqualTo("CUSTOMER");
        assertThat(claims.getStringClaim("tenant")).isEqualTo(tenant);
        assertThat(call("GET", "/api/v1/products", access(tokens)).statusCode()).isEqualTo(200);
        var orders = call("GET", "/api/v1/orders", access(tokens));
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(RunningApi.json(orders).path("total").asLong()).isZero();
    }

    @Test
    void aCustomersTokenIsRefusedEverythingOfTheStaffAndOtherOrdersAreNotFound() throws Exception {
        var customer = access(signedIn(address()));
        var order = "0123456789abcdef0123456789abcdef";

        for (var staffOnly : List.of(
                new String[] {"GET", "/api/v1/staff"},
                new String[] {"GET", "/api/v1/api-keys"},
                new String[] {"GET", "/api/v1/devices"},
                new String[] {"GET", "/api/v1/auth/sessions"},
                new String[] {"GET", "/api/v1/orders/" + order + "/history"},
                new String[] {"GET", "/api/v1/sync/changes"})) {
            var answer = api.send(staffOnly[0], staffOnly[1], customer, null, TIMEOUT, null);
            assertThat(answer.statusCode())
                    .as("%s %s", staffOnly[0], staffOnly[1])
                    .isEqualTo(403);
        }
        assertThat(send("POST", "/api/v1/orders/" + order + "/transitions", customer, Map.of("status", "ACCEPTED"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/orders/" + order, customer).statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/orders/" + order + "/cancel", customer, Map.of())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aCodeIsGoodOnce() throws Exception {
        var email = address();
        requestCode(email);
        var code = mail.customerCode(email);

        assertThat(signIn(email, code).statusCode()).isEqualTo(200);
        var again = signIn(email, code);

        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(RunningApi.json(again).path("detail").asString()).isEqualTo("the code is wrong, used or expired");
    }

    @Test
    void aNewCodeStopsTheOlderOne() throws Exception {
        var email = address();
        requestCode(email);
        var first = mail.customerCode(email);
        requestCode(email);
        var second = mail.customerCode(email);

        if (!first.equals(second)) {
            assertThat(signIn(email, first).statusCode()).isEqualTo(401);
        }
        assertThat(signIn(email, second).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        var email = address();
        requestCode(email);
        var code = mail.customerCode(email);
        mail.jdbc()
                .sql(
                        "UPDATE one_time_codes SET expires_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND) WHERE email = ?")
                .param(email)
                .update();

        assertThat(signIn(email, code).statusCode()).isEqualTo(401);
    }

    @Test
    void aCodeTakesFiveTriesThenEvenTheRightOneGets429() throws Exception {
        var email = address();
        requestCode(email);
        var code = mail.customerCode(email);
        var wrong = code.equals("000000") ? "000001" : "000000";

        for (int i = 0; i < 5; i++) {
            assertThat(signIn(email, wrong).statusCode()).as("try %d", i + 1).isEqualTo(401);
        }
        var blocked = signIn(email, code);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 600L);
        requestCode(email);
        assertThat(signIn(email, mail.customerCode(email)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyAddressGetsTheSameAnswerAndNoCodeReadsLikeAWrongOne() throws Exception {
        var known = address();
        signedIn(known);
        var unknown = address();

        var forKnown = requestCode(known);
        var forUnknown = requestCode(unknown);
        var nowhere = send(
                "POST", "/api/v1/auth/customers/code", null, Map.of("tenant", "no-such-restaurant", "email", unknown));

        assertThat(forKnown.statusCode()).isEqualTo(202);
        assertThat(forUnknown.statusCode()).isEqualTo(202);
        assertThat(nowhere.statusCode()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body()).isEqualTo(nowhere.body());
        var neverSent = signIn(address(), "123456");
        var wrong = signIn(unknown, mail.customerCode(unknown).equals("123456") ? "654321" : "123456");
        assertThat(neverSent.statusCode()).isEqualTo(401);
        assertThat(neverSent.body()).isEqualTo(wrong.body());
    }

    @Test
    void anAddressGetsThreeCodesAWhileThen429AndNoEmail() throws Exception {
        var email = address();
        for (int i = 0; i < 3; i++) {
            assertThat(requestCode(email).statusCode()).isEqualTo(202);
        }

        var blocked = requestCode(email);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(mail.count(email, "SIGN_IN_CODE")).isEqualTo(3);
        assertThat(requestCode(address()).statusCode()).isEqualTo(202);
    }

    @Test
    void signingOutStopsTheTokenAtOnce() throws Exception {
        var customer = access(signedIn(address()));
        assertThat(call("GET", "/api/v1/products", customer).statusCode()).isEqualTo(200);

        var out = send("POST", "/api/v1/auth/customers/sign-out", customer, null);

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/products", customer).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/customers/sign-out", admin, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aTamperedCustomerTokenIsRefused() throws Exception {
        var genuine = access(signedIn(address()));
        var parts = genuine.split("\\.");
        var claims = SignedJWT.parse(genuine).getJWTClaimsSet();
        var asOwner = new com.nimbusds.jwt.JWTClaimsSet.Builder(claims)
                .claim("role", "OWNER")
                .build();
        var tampered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(asOwner.toString()) + "." + parts[2];

        assertThat(call("GET", "/api/v1/staff", tampered).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() throws Exception {
        var codes = mail.rows("one_time_codes");
        var emails = mail.rows("notifications");
        var accounts = mail.rows("customer_accounts");
        var cases = List.of(
                new Object[] {"/api/v1/auth/customers/code", Map.of("tenant", tenant), "email"},
                new Object[] {"/api/v1/auth/customers/code", Map.of("tenant", tenant, "email", "not-an-email"), "email"
                },
                new Object[] {"/api/v1/auth/customers/code", Map.of("email", "a@example.com"), "tenant"},
                new Object[] {
                    "/api/v1/auth/customers/code", Map.of("tenant", "x".repeat(41), "email", "a@example.com"), "tenant"
                },
                new Object[] {"/api/v1/auth/customers/token", Map.of("tenant", tenant, "email", "a@example.com"), "code"
                },
                new Object[] {
                    "/api/v1/auth/customers/token",
                    Map.of("tenant", tenant, "email", "a@example.com", "code", "12345"),
                    "code"
                },
                new Object[] {
                    "/api/v1/auth/customers/token",
                    Map.of("tenant", tenant, "email", "a@example.com", "code", "abcdef"),
                    "code"
                },
                new Object[] {
                    "/api/v1/auth/customers/token", Map.of("tenant", tenant, "email", "nope", "code", "123456"), "email"
                });

        for (var bad : cases) {
            var answer = send("POST", (String) bad[0], null, bad[1]);
            assertThat(answer.statusCode()).as("%s %s", bad[0], bad[1]).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(RunningApi.json(answer)
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .as("%s %s", bad[0], bad[1])
                    .contains((String) bad[2]);
        }
        var notJson = api.send("POST", "/api/v1/auth/customers/code", null, "just text", TIMEOUT, null);
        assertThat(notJson.statusCode()).isBetween(400, 422);
        assertThat(mail.rows("one_time_codes")).isEqualTo(codes);
        assertThat(mail.rows("notifications")).isEqualTo(emails);
        assertThat(mail.rows("customer_accounts")).isEqualTo(accounts);
    }

    private String address() {
        return "customer-" + System.nanoTime() + "@example.com";
    }

    private JsonNode signedIn(String email) throws Exception {
        requestCode(email);
        var answer = signIn(email, mail.customerCode(email));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return RunningApi.json(answer);
    }

    private HttpResponse<String> requestCode(String email) throws Exception {
        return send("POST", "/api/v1/auth/customers/code", null, Map.of("tenant", tenant, "email", email));
    }

    private HttpResponse<String> signIn(String email, String code) throws Exception {
        return send(
                "POST", "/api/v1/auth/customers/token", null, Map.of("tenant", tenant, "email", email, "code", code));
    }

    private List<String> storedHashes() {
        return mail.jdbc()
                .sql("SELECT code_hash FROM one_time_codes")
                .query(String.class)
                .list();
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asString();
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return api.send(method, path, token, body, TIMEOUT);
    }
}
