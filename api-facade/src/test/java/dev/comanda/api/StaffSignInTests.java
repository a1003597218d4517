package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Staff sign-in on a real API, MariaDB and Redis: login, refresh rotation and reuse, logout, disabled
 * accounts, role changes, sessions, passwords, and access tokens forged every way a JWT is forged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffSignInTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";

    private RunningApi api;
    private String tenant;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of());
        tenant = "staff-" + Long.toHexString(System.nanoTime());
        admin = api.onboard(tenant).get("admin").asString();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aLoginAnswersAnAccessTokenThatCallsTheApiAsTheAccountsRole() throws Exception {
        var owner = login(staff("OWNER"));

        assertThat(owner.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(owner.path("expiresIn").asLong()).isEqualTo(300);
        assertThat(owner.path("refreshToken").asString()).startsWith("cmr_");
        assertThat(call("GET", "/api/v1/products", access(owner)).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/staff", access(owner)).statusCode()).isEqualTo(200);
    }

    @Test
    void aCookCannotAdministerTheStaff() throws Exception {
        var cook = login(staff("KITCHEN"));

        var answer = call("GET", "/api/v1/staff", access(cook));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() throws Exception {
        var email = staff("WAITER");

        var unknown = send("POST", "/api/v1/auth/login", null, credentials("nobody@example.com", PASSWORD));
        var wrong = send("POST", "/api/v1/auth/login", null, credentials(email, "wrong password!!"));

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(RunningApi.json(wrong).path("detail").asString()).isEqualTo("e-mail or password is wrong");
    }

    @Test
    void aRefreshRotatesTheRefreshTokenAndKeepsTheSession() throws Exception {
        var first = login(staff("KITCHEN"));

        var second = refresh(first.path("refreshToken").asString());

        assertThat(second.statusCode()).isEqualTo(200);
        var next = RunningApi.json(second);
        assertThat(next.path("refreshToken").asString())
                .isNotEqualTo(first.path("refreshToken").asString());
        assertThat(call("GET", "/api/v1/products", access(next)).statusCode()).isEqualTo(200);
        assertThat(refresh(next.path("refreshToken").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aReusedRefreshTokenEndsTheWholeSessionAccessTokensIncluded() throws Exception {
        var first = login(staff("KITCHEN"));
        var second = RunningApi.json(refresh(first.path("refreshToken").asString()));

        var reuse = refresh(first.path("refreshToken").asString());

        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(refresh(second.path("refreshToken").asString()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/products", access(second)).statusCode()).isEqualTo(401);
    }

    @Test
    void aLogoutEndsTheSessionAndItsAccessTokenAtOnce() throws Exception {
        var session = login(staff("KITCHEN"));

        var logout = send(
                "POST",
                "/api/v1/auth/logout",
                null,
                Map.of("refreshToken", session.path("refreshToken").asString()));

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(refresh(session.path("refreshToken").asString()).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/products", access(session)).statusCode())
                .isEqualTo(401);
        assertThat(login(staff("KITCHEN")).path("accessToken").asString()).isNotBlank();
    }

    @Test
    void aDisabledAccountsSessionsEndAtOnceAndItCannotLogIn() throws Exception {
        var email = staff("KITCHEN");
        var session = login(email);

        var disabled = send("POST", "/api/v1/staff/" + staffId(email) + "/disable", admin, null);

        assertThat(disabled.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/products", access(session)).statusCode())
                .isEqualTo(401);
        assertThat(refresh(session.path("refreshToken").asString()).statusCode())
                .isEqualTo(401);
        var again = send("POST", "/api/v1/auth/login", null, credentials(email, PASSWORD));
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(RunningApi.json(again).path("detail").asString()).isEqualTo("e-mail or password is wrong");
    }

    @Test
    void aRoleChangeStopsOlderAccessTokensAndTheNextRefreshCarriesTheNewRole() throws Exception {
        var email = staff("KITCHEN");
        var session = login(email);
        assertThat(call("GET", "/api/v1/staff", access(session)).statusCode()).isEqualTo(403);

        var changed = send("PUT", "/api/v1/staff/" + staffId(email) + "/role", admin, Map.of("role", "MANAGER"));

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(RunningApi.json(changed).path("role").asString()).isEqualTo("MANAGER");
        assertThat(call("GET", "/api/v1/products", access(session)).statusCode())
                .isEqualTo(401);
        var refreshed = RunningApi.json(refresh(session.path("refreshToken").asString()));
        assertThat(call("GET", "/api/v1/staff", access(refreshed)).statusCode()).isEqualTo(200);
    }

    @Test
    void aPersonListsTheirSessionsAndEndsOne() throws Exception {
        var email = staff("OPS");
        var phone = login(email);
        var laptop = login(email);

        var listed = RunningApi.json(call("GET", "/api/v1/auth/sessions", access(laptop)));
        assertThat(listed.size()).isEqualTo(2);
        var phoneSession = phoneSessionId(listed, laptop);

        assertThat(call("DELETE", "/api/v1/auth/sessions/" + phoneSession, access(laptop))
                        .statusCode())
                .isEqualTo(204);
        assertThat(refresh(phone.path("refreshToken").asString()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/products", access(phone)).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/products", access(laptop)).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/auth/sessions/" + phoneSession, access(laptop))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anApiKeyHasNoSessionsOrPassword() throws Exception {
        assertThat(call("GET", "/api/v1/auth/sessions", admin).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/auth/password", admin, Map.of("currentPassword", "x", "newPassword", PASSWORD))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentOneAndEndsEverySession() throws Exception {
        var email = staff("WAITER");
        var session = login(email);
        var newPassword = "a brand new passphrase";

        var wrong = send(
                "PUT",
                "/api/v1/auth/password",
                access(session),
                Map.of("currentPassword", "not it at all", "newPassword", newPassword));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(RunningApi.json(wrong).path("errors").get(0).path("field").asString())
                .isEqualTo("currentPassword");

        var changed = send(
                "PUT",
                "/api/v1/auth/password",
                access(session),
                Map.of("currentPassword", PASSWORD, "newPassword", newPassword));

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/products", access(session)).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/login", null, credentials(email, PASSWORD))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/login", null, credentials(email, newPassword))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void accessTokensForgedEveryWayAreRefused() throws Exception {
        var genuine = SignedJWT.parse(access(login(staff("OWNER"))));
        var claims = genuine.getJWTClaimsSet();
        var key = ForgedJwts.signingKey(api, genuine.getHeader().getKeyID());
        var stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        var impostor = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();

        var forged = Map.of(
                "alg none", new PlainJWT(claims).serialize(),
                "unknown kid", ForgedJwts.signRs256(stranger, claims),
                "known kid, another key", ForgedJwts.signRs256(impostor, claims),
                "wrong issuer", ForgedJwts.signRs256(key, ForgedJwts.with(claims, c -> c.issuer("someone-else"))),
                "wrong audience", ForgedJwts.signRs256(key, ForgedJwts.with(claims, c -> c.audience("another-api"))),
                "expired",
                        ForgedJwts.signRs256(
                                key,
                                ForgedJwts.with(
                                        claims,
                                        c -> c.expirationTime(
                                                Date.from(Instant.now().minusSeconds(600))))),
                "payload changed",
                        ForgedJwts.tampered(
                                genuine,
                                ForgedJwts.with(
                                        claims, c -> c.claim("role", "OWNER").claim("tenant", "another-tenant"))));

        assertThat(call("GET", "/api/v1/products", genuine.serialize()).statusCode())
                .isEqualTo(200);
        forged.forEach((how, token) -> {
            try {
                var answer = call("GET", "/api/v1/products", token);
                assertThat(answer.statusCode()).as(how).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .as(how)
                        .contains("Bearer realm=\"comanda\"");
            } catch (Exception e) {
                throw new AssertionError(how, e);
            }
        });
    }

    @Test
    void aKeyRotationLogsNobodyOut() throws Exception {
        var before = login(staff("OWNER"));
        var oldKid = SignedJWT.parse(access(before)).getHeader().getKeyID();

        var rotated = send("POST", "/api/v1/ops/signing-keys/rotate", null, null);

        assertThat(rotated.statusCode()).isEqualTo(200);
        var newKid = RunningApi.json(rotated).path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(call("GET", "/api/v1/products", access(before)).statusCode()).isEqualTo(200);
        var jwks = RunningApi.json(send("GET", "/api/v1/auth/jwks", null, null));
        assertThat(jwks.path("keys").valueStream().map(k -> k.path("kid").asString()))
                .contains(oldKid, newKid);
        assertThat(jwks.path("keys").valueStream().noneMatch(k -> k.has("d"))).isTrue();
        var after = login(staff("KITCHEN"));
        assertThat(SignedJWT.parse(access(after)).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(refresh(before.path("refreshToken").asString()).statusCode()).isEqualTo(200);
    }

    /** A key stored in clear (by a build before sealing) keeps verifying, and the operator's seal seals it. */
    @Test
    void sealingTheStoredKeysLogsNobodyOutAndLeavesNoPrivateHalfInClear() throws Exception {
        var before = login(staff("OWNER"));
        var kid = SignedJWT.parse(access(before)).getHeader().getKeyID();
        // The signing key as a build before sealing stored it: in clear.
        var jwk = ForgedJwts.signingKey(api, kid).toJSONString();
        jdbc().sql("UPDATE signing_keys SET jwk = ?, master_key_id = NULL WHERE kid = ?")
                .params(jwk, kid)
                .update();
        assertThat(signingKeysInClear()).isPositive();

        var sealed = send("POST", "/api/v1/ops/signing-keys/seal", null, null);

        assertThat(sealed.statusCode()).isEqualTo(200);
        assertThat(RunningApi.json(sealed).path("sealed").asInt()).isPositive();
        assertThat(signingKeysInClear()).isZero();
        assertThat(call("GET", "/api/v1/products", access(before)).statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse(access(login(staff("KITCHEN")))).getHeader().getKeyID())
                .isEqualTo(kid);
        assertThat(RunningApi.json(send("POST", "/api/v1/ops/signing-keys/seal", null, null))
                        .path("sealed")
                        .asInt())
                .as("sealed once")
                .isZero();
    }

    @Test
    void badInputOnEveryNewEndpointNamesTheFieldAndWritesNothing() throws Exception {
        var owner = login(staff("OWNER"));
        var accountsBefore = countStaff();
        var cases = List.of(
                new BadInput(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant, "password", PASSWORD),
                        422,
                        "email"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant, "email", "not-an-email", "password", PASSWORD),
                        422,
                        "email"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("email", "a@example.com", "password", PASSWORD),
                        422,
                        "tenant"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("tenant", tenant, "email", "a@example.com", "password", 5),
                        400,
                        "password"),
                new BadInput("POST", "/api/v1/auth/refresh", null, Map.of(), 422, "refreshToken"),
                new BadInput(
                        "POST",
                        "/api/v1/auth/refresh",
                        null,
                        Map.of("refreshToken", "cmd_an-api-key"),
                        422,
                        "refreshToken"),
                new BadInput("POST", "/api/v1/auth/logout", null, Map.of("refreshToken", ""), 422, "refreshToken"),
                new BadInput("POST", "/api/v1/staff", admin, newStaff("x@example.com", "CHEF", PASSWORD), 422, "role"),
                new BadInput(
                        "POST", "/api/v1/staff", admin, newStaff("x@example.com", "KITCHEN", "short"), 422, "password"),
                new BadInput(
                        "POST", "/api/v1/staff", admin, newStaff("not an email", "KITCHEN", PASSWORD), 422, "email"),
                new BadInput(
                        "POST",
                        "/api/v1/staff",
                        admin,
                        Map.of("email", "x@example.com", "role", "KITCHEN", "password", PASSWORD),
                        422,
                        "name"),
                new BadInput("PUT", "/api/v1/staff/1/role", admin, Map.of("role", "SYSTEM"), 422, "role"),
                new BadInput(
                        "PUT",
                        "/api/v1/auth/password",
                        access(owner),
                        Map.of("currentPassword", PASSWORD, "newPassword", "short"),
                        422,
                        "newPassword"));

        for (var bad : cases) {
            var answer = send(bad.method(), bad.path(), bad.token(), bad.body());
            assertThat(answer.statusCode()).as("%s", bad).isEqualTo(bad.status());
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
        assertThat(send("POST", "/api/v1/staff/not-a-number/disable", admin, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/staff/999999999/disable", admin, null).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/auth/sessions/nope", access(owner), null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(countStaff()).isEqualTo(accountsBefore);
        assertThat(call("GET", "/api/v1/products", access(owner)).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmailTakenInTheTenantAnswers409() throws Exception {
        var email = staff("KITCHEN");

        var again = send("POST", "/api/v1/staff", admin, newStaff(email.toUpperCase(), "OPS", PASSWORD));

        assertThat(again.statusCode()).isEqualTo(409);
    }

    private record BadInput(String method, String path, String token, Object body, int status, String field) {
        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    /** A new account of {@code role} in the test tenant, added by its admin key; answers its e-mail. */
    private String staff(String role) throws Exception {
        var email = role.toLowerCase() + "-" + System.nanoTime() + "@example.com";
        var created = send("POST", "/api/v1/staff", admin, newStaff(email, role, PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(RunningApi.json(created).has("passwordHash")).isFalse();
        return email;
    }

    private Map<String, Object> newStaff(String email, String role, String password) {
        return Map.of("email", email, "name", "Person " + role, "role", role, "password", password);
    }

    private long staffId(String email) throws Exception {
        var listed = RunningApi.json(call("GET", "/api/v1/staff", admin));
        return listed.valueStream()
                .filter(account -> account.path("email").asString().equals(email))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    private Map<String, Object> credentials(String email, String password) {
        return Map.of("tenant", tenant, "email", email, "password", password);
    }

    private JsonNode login(String email) throws Exception {
        var answer = send("POST", "/api/v1/auth/login", null, credentials(email, PASSWORD));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return RunningApi.json(answer);
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return send("POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asString();
    }

    private String phoneSessionId(JsonNode sessions, JsonNode laptop) throws Exception {
        var laptopSession = SignedJWT.parse(access(laptop)).getJWTClaimsSet().getStringClaim("sid");
        return sessions.valueStream()
                .map(s -> s.path("familyId").asString())
                .filter(id -> !id.equals(laptopSession))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return api.send(method, path, token, body, TIMEOUT);
    }

    private org.springframework.jdbc.core.simple.JdbcClient jdbc() {
        return api.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
    }

    private long signingKeysInClear() {
        return jdbc().sql("SELECT COUNT(*) FROM signing_keys WHERE master_key_id IS NULL")
                .query(Long.class)
                .single();
    }

    private long countStaff() {
        return api.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM staff_accounts")
                .query(Long.class)
                .single();
    }
}
