package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Staff who choose their own passwords, on a real API, MariaDB and Redis: an admin invites (an e-mail
 * with a one-time code, through the notification path), the invitee chooses a password with the code and
 * is signed in; a forgotten password is reset with a code e-mailed to the account, and every session of
 * the account ends. Codes are good once, for a while, for a few tries; answers say nothing of who has an
 * account; bad input names its field and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffInvitationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final String PREFIX = TestRedis.keyPrefix() + "invitations:";

    private RunningApi api;
    private EmailCodes mail;
    private String tenant;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(
                Map.of("comanda.api.redis-prefix", PREFIX, "comanda.identity.max-codes-per-source", "1000"));
        mail = new EmailCodes(api);
        tenant = "invite-" + Long.toHexString(System.nanoTime());
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
    void anInviteeChoosesTheirPasswordWithTheEmailedCodeAndIsSignedIn() throws Exception {
        var email = address();

        var invited = invite(email, "KITCHEN");

        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertThat(RunningApi.json(invited).path("passwordSet").asBoolean()).isFalse();
        var code = mail.staffCode(email, "STAFF_INVITATION");
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);

        var accepted = accept(email, code, PASSWORD);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        var tokens = RunningApi.json(accepted);
        assertThat(tokens.path("refreshToken").asString()).startsWith("cmr_");
        assertThat(call("GET", "/api/v1/products", access(tokens)).statusCode()).isEqualTo(200);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(staffMember(email).path("passwordSet").asBoolean()).isTrue();
    }

    @Test
    void theCodeIsReadInAnyCaseWithOrWithoutItsDashAndIsGoodOnce() throws Exception {
        var email = address();
        invite(email, "WAITER");
        var code = mail.staffCode(email, "STAFF_INVITATION");

        assertThat(accept(email, code.replace("-", "").toLowerCase(), PASSWORD).statusCode())
                .isEqualTo(200);
        var again = accept(email, code, "another long passphrase");

        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewInvitationStopsTheOlderCodeAndAnAccountWithAPasswordGetsNone() throws Exception {
        var email = address();
        invite(email, "KITCHEN");
        var first = mail.staffCode(email, "STAFF_INVITATION");
        var id = staffMember(email).path("id").asLong();

        var again = send("POST", "/api/v1/staff/" + id + "/invitation", admin, null);

        assertThat(again.statusCode()).isEqualTo(202);
        var second = mail.staffCode(email, "STAFF_INVITATION");
        if (!first.equals(second)) {
            assertThat(accept(email, first, PASSWORD).statusCode()).isEqualTo(401);
        }
        assertThat(accept(email, second, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/staff/" + id + "/invitation", admin, null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(send("POST", "/api/v1/staff/999999999/invitation", admin, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anInvitationCodeTakesFiveTriesThen429() throws Exception {
        var email = address();
        invite(email, "OPS");
        var code = mail.staffCode(email, "STAFF_INVITATION");
        var wrong = code.startsWith("A") ? "BBBBB-BBBBB" : "AAAAA-AAAAA";

        for (int i = 0; i < 5; i++) {
            assertThat(accept(email, wrong, PASSWORD).statusCode())
                    .as("try %d", i + 1)
                    .isEqualTo(401);
        }
        var blocked = accept(email, code, PASSWORD);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredInvitationIsRefused() throws Exception {
        var email = address();
        invite(email, "KITCHEN");
        var code = mail.staffCode(email, "STAFF_INVITATION");
        mail.jdbc()
                .sql(
                        "UPDATE one_time_codes SET expires_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND) WHERE email = ?")
                .param(email)
                .update();

        assertThat(accept(email, code, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void aResetCodeSetsANewPasswordAndEndsEverySession() throws Exception {
        var email = address();
        create(email);
        var phone = RunningApi.json(login(email, PASSWORD));
        var laptop = RunningApi.json(login(email, PASSWORD));
        var newPassword = "a brand new passphrase";

        var requested = send("POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant, "email", email));

        assertThat(requested.statusCode()).isEqualTo(202);
        var code = mail.staffCode(email, "PASSWORD_RESET");
        var reset = confirm(email, code, newPassword);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/products", access(phone)).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/products", access(laptop)).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", refresh(laptop)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(email, newPassword).statusCode()).isEqualTo(200);
        assertThat(confirm(email, code, "yet another passphrase").statusCode()).isEqualTo(401);
    }

    @Test
    void aResetOfAnUnknownOrDisabledAddressAnswersTheSameAndSendsNothing() throws Exception {
        var known = address();
        create(known);
        var disabled = address();
        create(disabled);
        send("POST", "/api/v1/staff/" + staffMember(disabled).path("id").asLong() + "/disable", admin, null);
        var unknown = address();

        var forKnown = send("POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant, "email", known));
        var forUnknown = send("POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant, "email", unknown));
        var forDisabled =
                send("POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant, "email", disabled));

        assertThat(List.of(forKnown.statusCode(), forUnknown.statusCode(), forDisabled.statusCode()))
                .containsOnly(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body()).isEqualTo(forDisabled.body());
        assertThat(mail.count(known, "PASSWORD_RESET")).isEqualTo(1);
        assertThat(mail.count(unknown, "PASSWORD_RESET")).isZero();
        assertThat(mail.count(disabled, "PASSWORD_RESET")).isZero();
        var noCode = confirm(unknown, "ABCDE-FGHJK", "a brand new passphrase");
        assertThat(noCode.statusCode()).isEqualTo(401);
    }

    @Test
    void badInputOnEveryNewEndpointNamesTheFieldAndWritesNothing() throws Exception {
        var accounts = mail.rows("staff_accounts");
        var codes = mail.rows("one_time_codes");
        var emails = mail.rows("notifications");
        var cases = List.of(
                new BadInput("POST", "/api/v1/staff", admin, Map.of("email", address(), "role", "KITCHEN"), "name"),
                new BadInput(
                        "POST",
                        "/api/v1/staff",
                        admin,
                        Map.of("email", "nope", "name", "N", "role", "KITCHEN"),
                        "email"),
                new BadInput(
                        "POST",
                        "/api/v1/staff",
                        admin,
                        Map.of("email", address(), "name", "N", "role", "CHEF"),
                        "role"),
                new BadInput(
                        "POST",
                        "/api/v1/staff",
                        admin,
                        Map.of("email", address(), "name", "N", "role", "KITCHEN", "password", "short"),
                        "password"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/invitation",
                        null,
                        Map.of("tenant", tenant, "email", address(), "password", PASSWORD),
                        "code"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/invitation",
                        null,
                        Map.of("tenant", tenant, "email", address(), "code", "ABC", "password", PASSWORD),
                        "code"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/invitation",
                        null,
                        Map.of("tenant", tenant, "email", address(), "code", "ABCDE-FGHJK", "password", "short"),
                        "password"),
                new BadInput("POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant), "email"),
                new BadInput("POST", "/api/v1/auth/password-reset", null, Map.of("email", address()), "tenant"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/password-reset/confirm",
                        null,
                        Map.of("tenant", tenant, "email", address(), "code", "ABCDE-FGHJK"),
                        "newPassword"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/password-reset/confirm",
                        null,
                        Map.of("tenant", tenant, "email", "nope", "code", "ABCDE-FGHJK", "newPassword", PASSWORD),
                        "email"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/password-reset/confirm",
                        null,
                        Map.of("tenant", tenant, "email", address(), "code", "!!!!!-!!!!!", "newPassword", PASSWORD),
                        "code"));

        for (var bad : cases) {
            var answer = send(bad.method(), bad.path(), bad.token(), bad.body());
            assertThat(answer.statusCode()).as("%s", bad).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as("%s", bad)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(RunningApi.json(answer)
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .as("%s", bad)
                    .contains(bad.field());
        }
        assertThat(mail.rows("staff_accounts")).isEqualTo(accounts);
        assertThat(mail.rows("one_time_codes")).isEqualTo(codes);
        assertThat(mail.rows("notifications")).isEqualTo(emails);
    }

    @Test
    void onlyAnAdminInvites() throws Exception {
        var cookEmail = address();
        create(cookEmail);
        var cook = access(RunningApi.json(login(cookEmail, PASSWORD)));
        var email = address();

        assertThat(send("POST", "/api/v1/staff", cook, Map.of("email", email, "name", "X", "role", "OWNER"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(mail.count(email, "STAFF_INVITATION")).isZero();
    }

    private record BadInput(String method, String path, String token, Object body, String field) {
        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    private String address() {
        return "staff-" + System.nanoTime() + "@example.com";
    }

    private HttpResponse<String> invite(String email, String role) throws Exception {
        return send("POST", "/api/v1/staff", admin, Map.of("email", email, "name", "Person " + role, "role", role));
    }

    private void create(String email) throws Exception {
        var created = send(
                "POST",
                "/api/v1/staff",
                admin,
                Map.of("email", email, "name", "Cook", "role", "KITCHEN", "password", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(RunningApi.json(created).path("passwordSet").asBoolean()).isTrue();
    }

    private HttpResponse<String> accept(String email, String code, String password) throws Exception {
        return send(
                "POST",
                "/api/v1/auth/invitation",
                null,
                Map.of("tenant", tenant, "email", email, "code", code, "password", password));
    }

    private HttpResponse<String> confirm(String email, String code, String newPassword) throws Exception {
        return send(
                "POST",
                "/api/v1/auth/password-reset/confirm",
                null,
                Map.of("tenant", tenant, "email", email, "code", code, "newPassword", newPassword));
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        return send("POST", "/api/v1/auth/login", null, Map.of("tenant", tenant, "email", email, "password", password));
    }

    private JsonNode staffMember(String email) throws Exception {
        return RunningApi.json(call("GET", "/api/v1/staff", admin))
                .valueStream()
                .filter(account -> account.path("email").asString().equals(email))
                .findFirst()
                .orElseThrow();
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asString();
    }

    private static String refresh(JsonNode tokens) {
        return tokens.path("refreshToken").asString();
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return api.send(method, path, token, body, TIMEOUT);
    }
}
