package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * What the OpenAPI document says a request may be is what the API takes, over real HTTP on a real API,
 * MariaDB and Redis: an empty query value is no value (400 naming it, on every endpoint), a sync batch's item
 * that is not an object is a malformed batch, a date-time is text, a JSON null is no body, a length is
 * counted in code points as JSON Schema counts it, and an e-mail address is the document's pattern.
 * (schemathesis, contract/schemathesis.sh, found each of these; docs/contract.md.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentAgreementTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** 😀, one code point and two UTF-16 units. */
    private static final String ASTRAL = "\uD83D\uDE00";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningApi api;
    private String tenant;
    private String admin;
    private String device;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of("comanda.identity.max-codes-per-source", "1000"));
        tenant = "agree-" + Long.toHexString(System.nanoTime());
        admin = api.onboard(tenant).get("admin").asString();
        var registered = api.send("POST", "/api/v1/devices", admin, Map.of("name", "till"), TIMEOUT);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        device = RunningApi.json(registered).get("token").asString();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anEmptyQueryValueIsRefusedNamingItsParameterWhateverItsTypeOrDefault() throws Exception {
        var cases = Map.of(
                "/api/v1/orders?created_to=", "created_to",
                "/api/v1/orders?per_page=&page=1", "per_page",
                "/api/v1/orders?sort=", "sort",
                "/api/v1/orders?status=NEW&status=", "status",
                "/api/v1/sync/changes?limit=", "limit",
                "/api/v1/sync/changes?since=", "since");
        for (var entry : cases.entrySet()) {
            var answer = get(entry.getKey(), admin);

            assertProblem(answer, 400, entry.getValue());
        }
        var queue = api.send("GET", "/api/v1/ops/orders/queue?tenant=" + tenant + "&reason=", null, null, TIMEOUT);
        assertProblem(queue, 400, "reason");
    }

    @Test
    void aQueryParameterTheEndpointDoesNotHaveIsRefusedNamingIt() throws Exception {
        var typo = get("/api/v1/orders?per_pag=5", admin);
        var onAnEndpointWithoutParameters = get("/api/v1/devices?page=2", admin);

        assertProblem(typo, 400, "per_pag");
        assertProblem(onAnEndpointWithoutParameters, 400, "page");
    }

    @Test
    void aParameterNameThatIsNoTextIsAMalformedQueryNotAServerError() throws Exception {
        // U+0085 and U+0097, C1 control characters, which Spring Security's firewall refuses once they are read.
        for (var name : List.of("a%C2%85b", "%C3%8Dw%C2%97")) {
            var answer = get("/api/v1/orders?" + name + "=1", admin);

            assertProblem(answer, 400, "query");
        }
    }

    @Test
    void aQueryValueThatIsThereIsReadAsBefore() throws Exception {
        var page = get("/api/v1/orders?per_page=5&created_to=2100-01-01T00:00:00Z&sort=-created_at", admin);
        var changes = get("/api/v1/sync/changes?limit=5", admin);

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(RunningApi.json(page).get("per_page").asInt()).isEqualTo(5);
        assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
    }

    @Test
    void aSyncBatchWithAnItemThatIsNotAnObjectIsRefusedWholeNamingTheItem() throws Exception {
        var before = syncRecords();
        var order = Map.of("clientOrderId", "c-1");

        var answer = sync(List.of(order, order.keySet(), "an order"));
        var nullItem = api.send(
                "POST",
                "/api/v1/sync/orders",
                device,
                Map.of("orders", java.util.Arrays.asList(Map.of("clientOrderId", "c-2"), null)),
                TIMEOUT);

        assertProblem(answer, 400, "orders[1]");
        assertProblem(nullItem, 400, "orders[1]");
        assertThat(syncRecords()).isEqualTo(before);
    }

    @Test
    void anObjectThatIsNoGoodOrderIsStillThatOrdersInvalidResult() throws Exception {
        var answer = sync(List.of(Map.of("clientOrderId", "c-3", "createdAt", 1_700_000_000)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var result = RunningApi.json(answer).at("/results/0");
        assertThat(result.get("result").asString()).isEqualTo("invalid");
        assertThat(result.get("errors")
                        .valueStream()
                        .map(error -> error.get("field").asString()))
                .contains("createdAt");
    }

    @Test
    void aClosingTimeGivenAsANumberOrAnArrayIsRefusedNamingTheField() throws Exception {
        for (Object closedAt : List.of(1_700_000_000, 1.7e9, List.of(2026, 1, 2))) {
            var answer =
                    api.send("POST", "/api/v1/sync/tables/T1/close", device, Map.of("closedAt", closedAt), TIMEOUT);

            assertProblem(answer, 400, "closedAt");
        }
        var text = api.send(
                "POST", "/api/v1/sync/tables/T1/close", device, Map.of("closedAt", "2026-01-02T10:00:00Z"), TIMEOUT);
        assertThat(text.statusCode()).as(text.body()).isEqualTo(201);
        assertThat(RunningApi.json(text).get("closedAt").asString()).startsWith("2026-01-02T10:00:00");
    }

    @Test
    void aDateTimeIsRfc3339TextWithAnyOffsetItAllowsInABodyAndInAQuery() throws Exception {
        var farOffset = api.send(
                "POST",
                "/api/v1/sync/tables/T4/close",
                device,
                Map.of("closedAt", "2026-01-02T10:00:00+23:30"),
                TIMEOUT);
        var notALeapSecond = api.send(
                "POST", "/api/v1/sync/tables/T4/close", device, Map.of("closedAt", "2016-12-31T22:59:60Z"), TIMEOUT);
        var epochInAQuery = get("/api/v1/orders?created_to=0", admin);
        var farOffsetInAQuery = get("/api/v1/orders?created_to=2026-07-14T13:52:02.981481%2B18:53", admin);

        assertThat(farOffset.statusCode()).as(farOffset.body()).isEqualTo(201);
        assertThat(RunningApi.json(farOffset).get("closedAt").asString()).startsWith("2026-01-01T10:30:00");
        assertProblem(notALeapSecond, 400, "closedAt");
        assertProblem(epochInAQuery, 400, "created_to");
        assertThat(farOffsetInAQuery.statusCode()).as(farOffsetInAQuery.body()).isEqualTo(200);
    }

    @Test
    void aSkuIsNotOnlyDotsSinceItNamesItsProductsUrl() throws Exception {
        for (var sku : List.of(".", "..")) {
            var answer = api.send(
                    "POST",
                    "/api/v1/products",
                    admin,
                    Map.of("sku", sku, "name", "Dots", "priceCents", 100, "initialStock", 1),
                    TIMEOUT);

            assertProblem(answer, 422, "sku");
        }
    }

    @Test
    void aJsonNullIsNoBodyWhileNoBodyAtAllStillIs() throws Exception {
        var asNull = post("/api/v1/sync/tables/T2/close", device, "null");
        var none = api.send("POST", "/api/v1/sync/tables/T3/close", device, null, TIMEOUT);

        assertProblem(asNull, 400, "body");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(201);
    }

    @Test
    void aPasswordIsCountedInCodePointsAsTheDocumentCountsIt() throws Exception {
        var twelve = ASTRAL.repeat(12);
        var sixtyFour = ASTRAL.repeat(64);

        var shortest = newStaff("twelve@example.com", twelve);
        var longest = newStaff("sixty-four@example.com", sixtyFour);
        var tooShort = newStaff("eleven@example.com", ASTRAL.repeat(11));
        var tooLong = newStaff("sixty-five@example.com", ASTRAL.repeat(65));

        assertThat(shortest.statusCode()).as(shortest.body()).isEqualTo(201);
        assertThat(longest.statusCode()).as(longest.body()).isEqualTo(201);
        assertProblem(tooShort, 422, "password");
        assertProblem(tooLong, 422, "password");
        var login = api.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("tenant", tenant, "email", "sixty-four@example.com", "password", sixtyFour),
                TIMEOUT);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    }

    @Test
    void aNameIsCountedInCodePointsToo() throws Exception {
        var product = api.send(
                "POST",
                "/api/v1/products",
                admin,
                Map.of("sku", "ASTRAL", "name", ASTRAL.repeat(120), "priceCents", 100, "initialStock", 1),
                TIMEOUT);
        var tooLong = api.send(
                "POST",
                "/api/v1/products",
                admin,
                Map.of("sku", "ASTRAL2", "name", ASTRAL.repeat(121), "priceCents", 100, "initialStock", 1),
                TIMEOUT);

        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
        assertProblem(tooLong, 422, "name");
    }

    @Test
    void anEmailAddressIsTheDocumentsPatternInEveryBodyThatTakesOne() throws Exception {
        // Bean Validation's @Email took these; the document's pattern (AccountEmail) does not.
        for (var address :
                List.of("\"ana maria\"@example.com", "ana@[127.0.0.1]", "ana@exa_mple.com", "anã@example.com")) {
            var code = api.send(
                    "POST", "/api/v1/auth/customers/code", null, Map.of("tenant", tenant, "email", address), TIMEOUT);
            var reset = api.send(
                    "POST", "/api/v1/auth/password-reset", null, Map.of("tenant", tenant, "email", address), TIMEOUT);
            var staff = newStaff(address, "a long enough password");

            assertProblem(code, 422, "email");
            assertProblem(reset, 422, "email");
            assertProblem(staff, 422, "email");
        }
        var unusual = api.send(
                "POST",
                "/api/v1/auth/customers/code",
                null,
                Map.of("tenant", tenant, "email", "o'brien+menu@mail.example.com"),
                TIMEOUT);
        assertThat(unusual.statusCode()).as(unusual.body()).isEqualTo(202);
    }

    @Test
    void aSignInBodyNamesItsRestaurantByTheTenantIdsPattern() throws Exception {
        var missing =
                api.send("POST", "/api/v1/auth/customers/code", null, Map.of("email", "ana@example.com"), TIMEOUT);
        var malformed = api.send(
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("tenant", "Not A Tenant", "email", "ana@example.com", "password", "whatever"),
                TIMEOUT);

        assertProblem(missing, 422, "tenant");
        assertProblem(malformed, 422, "tenant");
    }

    @Test
    void aPullFromAnotherTenantsCursorIsRefusedNamingSince() throws Exception {
        var other = "agree-other-" + Long.toHexString(System.nanoTime());
        var otherAdmin = api.onboard(other).get("admin").asString();
        var theirs = RunningApi.json(get("/api/v1/sync/snapshot", otherAdmin))
                .get("cursor")
                .asString();

        var foreign = get("/api/v1/sync/changes?since=" + theirs, admin);
        var blank = get("/api/v1/sync/changes?since=%20", admin);
        var mine = get(
                "/api/v1/sync/changes?since="
                        + RunningApi.json(get("/api/v1/sync/snapshot", admin))
                                .get("cursor")
                                .asString(),
                admin);

        assertProblem(foreign, 400, "since");
        assertProblem(blank, 400, "since");
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
    }

    private HttpResponse<String> newStaff(String email, String password) throws Exception {
        return api.send(
                "POST",
                "/api/v1/staff",
                admin,
                Map.of("email", email, "name", "Someone", "role", "KITCHEN", "password", password),
                TIMEOUT);
    }

    private HttpResponse<String> sync(List<?> orders) throws Exception {
        return api.send("POST", "/api/v1/sync/orders", device, Map.of("orders", orders), TIMEOUT);
    }

    private long syncRecords() {
        return api.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM pos_sync_orders")
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return api.send("GET", path, token, null, TIMEOUT);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(api.base().resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String field) {
        assertThat(answer.statusCode()).as(field + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .as(field)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = RunningApi.json(answer).path("errors");
        assertThat(errors.valueStream().map(error -> error.get("field").asString()))
                .as(answer.body())
                .contains(field);
    }
}
