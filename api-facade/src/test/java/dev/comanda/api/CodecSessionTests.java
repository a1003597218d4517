package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.comanda.codec.EncryptionCodec;
import dev.comanda.codec.PayloadEncryption;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The codec session on a real API, MariaDB and Redis: an OPS person's access token handed back as a
 * cookie only the codec reads, which decodes that person's restaurant's payloads and no one else's; who may
 * open one; closing it; signing out stopping it; and the cross-site defences (SameSite, CORS) the cookie
 * relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecSessionTests {

    private static final String UI = "http://127.0.0.1:8233";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;
    private Tenant mine;
    private Tenant theirs;

    private record Tenant(String id, JsonNode keys) {
        String admin() {
            return keys.get("admin").asString();
        }
    }

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of("comanda.api.codec.allowed-origins", UI));
        mine = onboard("codec-mine");
        theirs = onboard("codec-theirs");
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anOpsPersonsSessionIsAStrictHttpOnlyCookieThatDecodesTheirRestaurantsPayloadsOnly() throws Exception {
        var ops = login(mine, staff(mine, "OPS"));

        var opened = api.send("POST", "/codec/session", access(ops), null, TIMEOUT);

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(204);
        assertThat(opened.headers().firstValue("Cache-Control")).contains("no-store");
        var header = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(header)
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/codec")
                .doesNotContain("Secure");
        var cookie = HttpCookie.parse(header).getFirst();
        assertThat(cookie.getName()).isEqualTo("comanda_codec");
        // As long as the access token it carries lives (5 min), never longer.
        assertThat(cookie.getMaxAge()).isBetween(250L, 300L);

        var ours = encrypt(mine, "Iracema Cifrada");
        var others = encrypt(theirs, "Moema Alheia");
        var answer = decode(cookie.getValue(), UI, ours, others);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials"))
                .contains("true");
        var decoded = payloads(answer);
        assertThat(decoded.get(0)).isEqualTo(plain("Iracema Cifrada"));
        assertThat(decoded.get(1)).isEqualTo(others);
        assertThat(PayloadEncryption.isEncrypted(decoded.get(1))).isTrue();
    }

    @Test
    void onlyAPersonWithOpsOpensASession() throws Exception {
        var cook = login(mine, staff(mine, "KITCHEN"));
        var owner = login(mine, staff(mine, "OWNER"));

        var refused = Map.of(
                "a cook", api.send("POST", "/codec/session", access(cook), null, TIMEOUT),
                "an owner", api.send("POST", "/codec/session", access(owner), null, TIMEOUT),
                // An OPS API key never expires: it goes in the Authorization header, never in a cookie.
                "an OPS API key",
                        api.send(
                                "POST", "/codec/session", mine.keys().get("ops").asString(), null, TIMEOUT),
                "the operator key",
                        send(request("/codec/session")
                                .header("X-Operator-Key", RunningApi.OPERATOR_KEY)
                                .POST(HttpRequest.BodyPublishers.noBody())));
        refused.forEach((who, answer) -> {
            assertThat(answer.statusCode()).as(who).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .as(who)
                    .startsWith("application/problem+json");
            assertThat(answer.headers().firstValue("Set-Cookie")).as(who).isEmpty();
        });
        var nobody = api.send("POST", "/codec/session", null, null, TIMEOUT);
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theCookieIsReadByTheCodecsPayloadCallsAlone() throws Exception {
        var cookie = openSession(login(mine, staff(mine, "OPS")));

        var products = send(request("/api/v1/products").header("Cookie", "comanda_codec=" + cookie));
        var renewal = send(request("/codec/session")
                .header("Cookie", "comanda_codec=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(products.statusCode()).isEqualTo(401);
        assertThat(renewal.statusCode()).isEqualTo(401);
        assertThat(renewal.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(decode(cookie, null, encrypt(mine, "Ana")).statusCode()).isEqualTo(200);
    }

    @Test
    void closingTheSessionExpiresTheCookieAndSigningOutStopsWhatItCarries() throws Exception {
        var ops = login(mine, staff(mine, "OPS"));
        var cookie = openSession(ops);

        var closed = send(request("/codec/session")
                .header("Cookie", "comanda_codec=" + cookie)
                .DELETE());

        assertThat(closed.statusCode()).isEqualTo(204);
        var expired = HttpCookie.parse(closed.headers().firstValue("Set-Cookie").orElseThrow())
                .getFirst();
        assertThat(expired.getName()).isEqualTo("comanda_codec");
        assertThat(expired.getValue()).isEmpty();
        assertThat(expired.getMaxAge()).isZero();
        assertThat(expired.getPath()).isEqualTo("/codec");

        // A copy kept past the browser's deletion still stops with the person's session.
        var logout = api.send(
                "POST",
                "/api/v1/auth/logout",
                null,
                Map.of("refreshToken", ops.path("refreshToken").asString()),
                TIMEOUT);
        assertThat(logout.statusCode()).isEqualTo(204);
        var after = decode(cookie, UI, encrypt(mine, "Ana"));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    }

    @Test
    void aCookieSentFromAnotherOriginIsRefusedBeforeItIsReadAndAForgedOneIs401() throws Exception {
        var cookie = openSession(login(mine, staff(mine, "OPS")));

        var elsewhere = decode(cookie, "https://evil.example", encrypt(mine, "Ana"));
        var forged = decode("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", UI, encrypt(mine, "Ana"));
        var notJson = send(request("/codec/decode")
                .header("Cookie", "comanda_codec=" + cookie)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}")));

        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        assertThat(elsewhere.body()).doesNotContain("payloads");
        assertThat(forged.statusCode()).isEqualTo(401);
        // What a cross-site form could send (no preflight) is not a codec call.
        assertThat(notJson.statusCode()).isEqualTo(415);
    }

    private Tenant onboard(String name) throws Exception {
        var id = name + "-" + Long.toHexString(System.nanoTime());
        return new Tenant(id, api.onboard(id));
    }

    /** A new account of {@code role} in {@code tenant}, added by its admin; answers its e-mail. */
    private String staff(Tenant tenant, String role) throws Exception {
        var email = role.toLowerCase() + "-" + System.nanoTime() + "@example.com";
        var created = api.send(
                "POST",
                "/api/v1/staff",
                tenant.admin(),
                Map.of("email", email, "name", "Person " + role, "role", role, "password", PASSWORD),
                TIMEOUT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return email;
    }

    private JsonNode login(Tenant tenant, String email) throws Exception {
        var answer = api.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant.id(), "email", email, "password", PASSWORD),
                TIMEOUT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return RunningApi.json(answer);
    }

    private static String access(JsonNode tokens) {
        return tokens.path("accessToken").asString();
    }

    /** The cookie's value of a session opened with {@code person}'s access token. */
    private String openSession(JsonNode person) throws Exception {
        var opened = api.send("POST", "/codec/session", access(person), null, TIMEOUT);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(204);
        return HttpCookie.parse(opened.headers().firstValue("Set-Cookie").orElseThrow())
                .getFirst()
                .getValue();
    }

    /** {@code POST /codec/decode} as a browser sends it with credentials: the cookie, no Authorization. */
    private HttpResponse<String> decode(String cookie, String origin, Payload... payloads) throws Exception {
        var request = request("/codec/decode")
                .header("Cookie", "comanda_codec=" + cookie)
                .header("Content-Type", "application/json")
                .header("X-Namespace", "default")
                .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer()
                        .print(Payloads.newBuilder()
                                .addAllPayloads(List.of(payloads))
                                .build())));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    private static List<Payload> payloads(HttpResponse<String> answer) throws Exception {
        var payloads = Payloads.newBuilder();
        JsonFormat.parser().merge(answer.body(), payloads);
        return payloads.getPayloadsList();
    }

    private static Payload plain(String customer) {
        return DefaultDataConverter.STANDARD_INSTANCE
                .toPayload(Map.of("name", customer))
                .orElseThrow();
    }

    /** A payload of an order of {@code tenant}, encrypted as the API encrypts it when the order starts. */
    private Payload encrypt(Tenant tenant, String customer) {
        var workflowId = "order-" + tenant.id() + "-" + randomHex();
        return new EncryptionCodec(api.bean(PayloadKeyStore.class))
                .withContext(new WorkflowSerializationContext("default", workflowId))
                .encode(List.of(plain(customer)))
                .getFirst();
    }

    private static String randomHex() {
        var bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.base().resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
