package dev.comanda.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.comanda.client.Identity.NewStaffMember;
import dev.comanda.client.Identity.StaffRole;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in, staff and API keys over real HTTP against a JDK server that answers what the API answers. */
class IdentityApiTests {

    private static final String TOKENS = """
            {"accessToken":"eyJ.a.b","tokenType":"Bearer","expiresIn":300,"refreshToken":"cmr_next",
             "refreshExpiresAt":"2027-01-05T12:00:00Z"}""";
    private static final String WRONG_LOGIN = """
            {"type":"https://comanda.dev/problems/unauthenticated","title":"Unauthorized","status":401,
             "detail":"e-mail or password is wrong"}""";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ComandaClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/auth", exchange -> {
            var body = record(exchange);
            if (body.contains("wrong")) {
                answer(exchange, 401, "application/problem+json", WRONG_LOGIN);
            } else if (exchange.getRequestURI().getPath().endsWith("/logout")
                    || exchange.getRequestURI().getPath().endsWith("/sign-out")
                    || exchange.getRequestURI().getPath().endsWith("/confirm")) {
                answer(exchange, 204, null, null);
            } else if (exchange.getRequestURI().getPath().endsWith("/customers/code")
                    || exchange.getRequestURI().getPath().endsWith("/password-reset")) {
                answer(exchange, 202, "application/json", "{\"expiresIn\":600}");
            } else if (exchange.getRequestURI().getPath().endsWith("/customers/token")) {
                answer(exchange, 200, "application/json", """
                        {"accessToken":"eyJ.c.d","tokenType":"Bearer","expiresIn":3600,"customerId":42}""");
            } else {
                answer(exchange, 200, "application/json", TOKENS);
            }
        });
        server.createContext("/api/v1/staff", exchange -> {
            record(exchange);
            answer(exchange, 201, "application/json", """
                    {"id":7,"email":"cook@example.com","name":"Cook","role":"KITCHEN","createdAt":"2026-12-06T12:00:00Z"}""");
        });
        server.createContext("/api/v1/api-keys", exchange -> {
            record(exchange);
            answer(exchange, 201, "application/json", """
                    {"id":9,"role":"STOREFRONT","name":"web shop","token":"cmp_public"}""");
        });
        server.start();
        client = ComandaClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .token("cmd_admin")
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLoginSendsNoBearerTokenAndReadsBothTokens() {
        var tokens = client.signIn().login("demo", "cook@example.com", "a long passphrase");

        assertThat(tokens.accessToken()).isEqualTo("eyJ.a.b");
        assertThat(tokens.refreshToken()).isEqualTo("cmr_next");
        assertThat(tokens.expiresIn()).isEqualTo(300);
        assertThat(tokens.toString()).doesNotContain("cmr_next").doesNotContain("eyJ");
        assertThat(requests).singleElement().asString().startsWith("POST /api/v1/auth/login null {");
    }

    @Test
    void aWrongLoginIsAProblemException() {
        assertThatThrownBy(() -> client.signIn().login("demo", "cook@example.com", "wrong"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(401);
                    assertThat(problem.detail()).isEqualTo("e-mail or password is wrong");
                });
    }

    @Test
    void aRefreshAndALogoutSendTheRefreshToken() {
        client.signIn().refresh("cmr_old");
        client.signIn().logout("cmr_next");

        assertThat(requests)
                .containsExactly(
                        "POST /api/v1/auth/refresh null {\"refreshToken\":\"cmr_old\"}",
                        "POST /api/v1/auth/logout null {\"refreshToken\":\"cmr_next\"}");
    }

    @Test
    void anAdminAddsStaffAndIssuesAPublishableKey() {
        var cook = client.staff()
                .add(new NewStaffMember("cook@example.com", "Cook", StaffRole.KITCHEN, "a long passphrase"));
        var key = client.apiKeys().issuePublishable("web shop");

        assertThat(cook.role()).isEqualTo(StaffRole.KITCHEN);
        assertThat(key.token()).isEqualTo("cmp_public");
        assertThat(key.toString()).doesNotContain("cmp_public");
        assertThat(requests.get(0)).startsWith("POST /api/v1/staff Bearer cmd_admin {");
        assertThat(requests.get(1))
                .startsWith("POST /api/v1/api-keys Bearer cmd_admin {")
                .contains("\"role\":\"STOREFRONT\"")
                .contains("\"name\":\"web shop\"");
    }

    @Test
    void aCustomerAsksForACodeTradesItForATokenAndSignsOut() {
        var sent = client.signIn().requestCustomerCode("demo", "ana@example.com");
        var tokens = client.signIn().customerSignIn("demo", "ana@example.com", "123456");
        client.withToken(tokens.accessToken()).signIn().customerSignOut();

        assertThat(sent.expiresIn()).isEqualTo(600);
        assertThat(tokens.customerId()).isEqualTo(42);
        assertThat(tokens.toString()).doesNotContain("eyJ");
        assertThat(requests.get(0))
                .startsWith("POST /api/v1/auth/customers/code null {")
                .contains("\"email\":\"ana@example.com\"");
        assertThat(requests.get(1))
                .startsWith("POST /api/v1/auth/customers/token null {")
                .contains("\"code\":\"123456\"");
        assertThat(requests.get(2)).isEqualTo("POST /api/v1/auth/customers/sign-out Bearer eyJ.c.d ");
    }

    @Test
    void anInviteeAndAForgetfulPersonUseTheirEmailedCodesWithoutABearerToken() {
        var invited = client.staff().add(NewStaffMember.invited("cook@example.com", "Cook", StaffRole.KITCHEN));
        var tokens = client.signIn().acceptInvitation("demo", "cook@example.com", "ABCDE-FGHJK", "a long passphrase");
        client.signIn().requestPasswordReset("demo", "cook@example.com");
        client.signIn().resetPassword("demo", "cook@example.com", "KMNPQ-RSTUV", "another passphrase");

        assertThat(invited.role()).isEqualTo(StaffRole.KITCHEN);
        assertThat(tokens.refreshToken()).isEqualTo("cmr_next");
        assertThat(requests.get(0))
                .startsWith("POST /api/v1/staff Bearer cmd_admin {")
                .doesNotContain("passphrase");
        assertThat(requests.get(1)).startsWith("POST /api/v1/auth/invitation null {");
        assertThat(requests.get(2)).startsWith("POST /api/v1/auth/password-reset null {");
        assertThat(requests.get(3))
                .startsWith("POST /api/v1/auth/password-reset/confirm null {")
                .contains("\"newPassword\":\"another passphrase\"");
    }

    private String record(HttpExchange exchange) throws IOException {
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
        return body;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
