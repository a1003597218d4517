package dev.comanda.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.ApiApplication;
import dev.comanda.testing.TestDatabase;
import dev.comanda.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the real API serves says what a client needs: name, version, security, 201s and
 * problem+json. (The end-to-end suite checks every exchange against the same document.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTests {

    private static final List<String> RESOURCE_TAGS = List.of(
            "Orders",
            "Products",
            "Tenants",
            "Devices",
            "API keys",
            "Sign-in",
            "Staff",
            "Sync",
            "Ops queue",
            "Payments");

    private TestDatabase database;
    private ConfigurableApplicationContext api;
    private JsonNode document;

    @BeforeAll
    void fetchTheDocument() throws Exception {
        database = TestDatabase.create();
        api = ApiApplication.application()
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--comanda.redis.url=" + TestRedis.url(),
                        "--comanda.api.redis-prefix=" + TestRedis.keyPrefix(),
                        // The document needs no workflow: Temporal's address may answer nothing.
                        "--spring.temporal.connection.target=127.0.0.1:" + closedPort());
        var port = ((WebServerApplicationContext) api).getWebServer().getPort();
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        document = JsonMapper.builder().build().readTree(response.body());
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), response.body());
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
        database.close();
    }

    @Test
    void theDocumentIsNamedComandaApiAtTheBuildsVersion() throws IOException {
        var build = new Properties();
        try (var in = ApiApplication.class.getResourceAsStream("/META-INF/build-info.properties")) {
            build.load(in);
        }
        assertThat(document.at("/info/title").asString()).isEqualTo("Comanda API");
        assertThat(document.at("/info/version").asString()).isEqualTo(build.getProperty("build.version"));
    }

    @Test
    void everyKindOfTokenIsASecuritySchemeOfItsOwn() {
        for (var bearer : List.of("apiKey", "staffToken", "customerToken", "publishableKey", "trackingToken")) {
            assertThat(document.at("/components/securitySchemes/" + bearer + "/type")
                            .asString())
                    .as(bearer)
                    .isEqualTo("http");
            assertThat(document.at("/components/securitySchemes/" + bearer + "/scheme")
                            .asString())
                    .as(bearer)
                    .isEqualTo("bearer");
        }
        assertThat(document.at("/components/securitySchemes/staffToken/bearerFormat")
                        .asString())
                .isEqualTo("JWT");
        assertThat(document.at("/components/securitySchemes/operatorKey/in").asString())
                .isEqualTo("header");
        assertThat(document.at("/components/securitySchemes/operatorKey/name").asString())
                .isEqualTo("X-Operator-Key");
    }

    @Test
    void eachOperationNamesTheKindsOfTokenThatMayCallIt() {

        assertThat(security(operation("/api/v1/orders", "post")))
                .containsExactlyInAnyOrder("apiKey", "staffToken", "publishableKey", "customerToken");
        assertThat(security(operation("/api/v1/orders/{id}", "get")))
                .containsExactlyInAnyOrder("apiKey", "staffToken", "trackingToken", "customerToken");
        assertThat(security(operation("/api/v1/orders/{id}/cancel", "post")))
                .containsExactlyInAnyOrder("apiKey", "staffToken", "trackingToken", "customerToken");
        assertThat(security(operation("/api/v1/orders/{id}/transitions", "post")))
                .containsExactlyInAnyOrder("apiKey", "staffToken");
        assertThat(security(operation("/api/v1/products", "get")))
                .containsExactlyInAnyOrder("apiKey", "staffToken", "publishableKey", "customerToken");
        assertThat(security(operation("/api/v1/auth/sessions", "get"))).containsExactly("staffToken");
        assertThat(security(operation("/api/v1/auth/customers/sign-out", "post")))
                .containsExactly("customerToken");
        assertThat(security(operation("/api/v1/sync/orders", "post"))).containsExactly("apiKey");
        assertThat(security(operation("/api/v1/ops/tenants", "post"))).containsExactly("operatorKey");
        assertThat(security(operation("/api/v1/ops/orders/queue", "get")))
                .containsExactlyInAnyOrder("apiKey", "staffToken", "operatorKey");
        assertThat(security(operation("/api/v1/auth/login", "post"))).isEmpty();
        assertThat(security(operation("/api/v1/auth/customers/code", "post"))).isEmpty();
        assertThat(security(operation("/api/v1/auth/customers/token", "post"))).isEmpty();
        assertThat(security(operation("/api/v1/payments/webhook", "post"))).isEmpty();
        assertThat(document.has("security")).as("no document-wide default").isFalse();
    }

    @Test
    void creationsAnswer201WithTheTypedBody() {
        assertThat(success(operation("/api/v1/orders", "post"))).containsExactly("201");
        assertThat(operation("/api/v1/orders", "post")
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/OrderResponse");
        assertThat(success(operation("/api/v1/products", "post"))).containsExactly("201");
        assertThat(operation("/api/v1/products", "post")
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/CatalogProduct");
        assertThat(success(operation("/api/v1/ops/tenants", "post"))).containsExactly("201");
        assertThat(success(operation("/api/v1/devices", "post"))).containsExactly("201");
    }

    @Test
    void everyOperationDocumentsItsSuccessWithABodyWhereItAnswersOne() {
        for (var operation : operations()) {
            if ("offboard".equals(operation.path("operationId").asString())) {
                // Asynchronous: 202 while the erasure runs, 200 with what it changed once done.
                assertThat(success(operation)).containsExactlyInAnyOrder("200", "202");
                continue;
            }
            assertThat(success(operation))
                    .as("%s", operation.get("operationId"))
                    .hasSize(1);
        }
        assertThat(operation("/api/v1/orders/{id}/transitions", "post")
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/OrderResponse");
        assertThat(operation("/api/v1/ops/orders/{id}/retry", "post")
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ActionAnswer");
    }

    @Test
    void theOrderListIsATypedPage() {
        var schema = operation("/api/v1/orders", "get").at("/responses/200/content/application~1json/schema/$ref");
        assertThat(schema.asString()).isEqualTo("#/components/schemas/OrderList");
        assertThat(document.at("/components/schemas/OrderList/properties").propertyNames())
                .containsExactlyInAnyOrder("items", "page", "per_page", "total");
    }

    @Test
    void everyErrorIsProblemJsonWithFieldErrors() {
        var errors = 0;
        for (var operation : operations()) {
            for (var status : operation.get("responses").propertyNames()) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    errors++;
                    assertThat(operation
                                    .at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                                    .asString())
                            .as("%s %s", operation.get("operationId"), status)
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        assertThat(errors).isGreaterThan(operations().size());
        assertThat(document.at("/components/schemas/Problem/properties/errors/items/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(responses(operation("/api/v1/orders", "post"))).contains("400", "401", "403", "422", "429", "503");
        assertThat(responses(operation("/api/v1/orders/{id}/transitions", "post")))
                .contains("404", "409");
    }

    @Test
    void bodiesAreJsonAndTagsAreResources() {
        for (var operation : operations()) {
            assertThat(operation.get("tags").valueStream().map(JsonNode::asString))
                    .as("%s", operation.get("operationId"))
                    .isNotEmpty()
                    .allMatch(RESOURCE_TAGS::contains);
        }
        assertThat(document.toString()).doesNotContain("*/*");
    }

    @Test
    void aNewOrderLinksToItsReadCancelAndKitchenMoves() {
        var links = operation("/api/v1/orders", "post").at("/responses/201/links");
        assertThat(links.propertyNames()).contains("GetOrder", "CancelOrder", "MoveOrder");
        assertThat(links.at("/CancelOrder/operationRef").asString())
                .isEqualTo("#/paths/~1api~1v1~1orders~1{id}~1cancel/post");
        assertThat(links.at("/CancelOrder/parameters/id").asString()).isEqualTo("$response.body#/id");
        assertThat(operation("/api/v1/devices", "get")
                        .at("/responses/200/links/RevokeDevice/operationRef")
                        .asString())
                .isEqualTo("#/paths/~1api~1v1~1devices~1{id}/delete");
    }

    @Test
    void theDocumentStatesTheRangesPatternsAndNonBlankFieldsTheApiEnforces() {
        var perPage = parameter(operation("/api/v1/orders", "get"), "per_page");
        assertThat(perPage.at("/schema/minimum").asInt()).isEqualTo(1);
        assertThat(perPage.at("/schema/maximum").asInt()).isEqualTo(100);
        var limit = parameter(operation("/api/v1/sync/changes", "get"), "limit");
        assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(1000);
        assertThat(parameter(operation("/api/v1/orders/{id}", "get"), "id")
                        .at("/schema/pattern")
                        .asString())
                .isEqualTo("^(?:[a-f0-9]{32})$");
        assertThat(document.at("/components/schemas/NewTenant/properties/id/pattern")
                        .asString())
                .isEqualTo("^(?:[a-z0-9][a-z0-9-]{0,39})$");
        var name = document.at("/components/schemas/OrderCustomer/properties/name");
        // The document leaves out the lone-surrogate range, which JSON Schema's regex engines cannot express.
        assertThat(name.at("/pattern").asString())
                .isEqualTo("^(?:" + dev.comanda.api.Text.NON_BLANK_LINE.replace("\\uD800-\\uDFFF", "") + ")$");
        assertThat(java.util.regex.Pattern.compile(name.at("/pattern").asString())
                        .matcher("   ")
                        .matches())
                .isFalse();
        assertThat(document.at("/components/schemas/ResolveBody/properties/note/pattern")
                        .asString())
                .isEqualTo("^(?:" + dev.comanda.api.Text.NON_BLANK + ")$");
        assertThat(document.at("/components/schemas/PlaceOrderRequest/properties/items/minItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(document.at("/components/schemas/PlaceOrderRequest/required")
                        .valueStream()
                        .map(JsonNode::asString))
                .contains("customer", "items", "fulfilment", "payment");
        assertThat(document.at("/components/schemas/OrderFulfilment/required")
                        .valueStream()
                        .map(JsonNode::asString))
                .contains("type");
        assertThat(document.toString()).doesNotContain("\\\\p{");
    }

    @Test
    void everyQueryParameterRefusesAnEmptyValueAsTheApiDoes() {
        var checked = 0;
        for (var operation : operations()) {
            for (var parameter : operation.path("parameters")) {
                if (!parameter.get("in").asString().equals("query")) {
                    continue;
                }
                var schema = parameter.get("schema");
                var value = schema.path("type").asString().equals("array") ? schema.get("items") : schema;
                var refusesEmpty = !value.path("type").asString().equals("string")
                        || value.has("pattern")
                        || value.has("enum")
                        || value.has("format")
                        || value.path("minLength").asInt() >= 1;
                assertThat(refusesEmpty).as(parameter.toString()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void everyEmailIsTheAccountEmailPatternAndAPasswordsLengthIsInCodePoints() {
        var expected = "^(?:" + dev.comanda.api.AccountEmail.PATTERN + ")$";
        var emails = new ArrayList<JsonNode>();
        for (var body : List.of(
                "Login",
                "CodeRequest",
                "CodeSignIn",
                "InvitationAcceptance",
                "ResetRequest",
                "PasswordReset",
                "NewStaff",
                "OrderCustomer",
                "RestaurantBody")) {
            var email = document.at("/components/schemas/" + body + "/properties/email");
            // An optional one is "the address or null".
            emails.add(email.has("anyOf") ? email.at("/anyOf/0") : email);
        }
        emails.add(parameter(operation("/api/v1/customers", "delete"), "email").get("schema"));
        assertThat(emails).allSatisfy(email -> {
            assertThat(email.path("pattern").asString()).isEqualTo(expected);
            assertThat(email.path("maxLength").asInt()).isEqualTo(dev.comanda.api.AccountEmail.MAX_LENGTH);
            assertThat(email.has("format")).isFalse();
        });
        for (var password : List.of(
                "NewStaff/properties/password",
                "InvitationAcceptance/properties/password",
                "PasswordReset/properties/newPassword")) {
            var property = document.at("/components/schemas/" + password);
            var schema = property.has("anyOf") ? property.at("/anyOf/0") : property;
            assertThat(schema.path("minLength").asInt()).as(password).isEqualTo(12);
            assertThat(schema.path("maxLength").asInt()).as(password).isEqualTo(64);
        }
        for (var body : List.of("Login", "CodeRequest", "CodeSignIn", "InvitationAcceptance", "ResetRequest")) {
            assertThat(document.at("/components/schemas/" + body + "/required")
                            .valueStream()
                            .map(JsonNode::asString))
                    .as(body)
                    .contains("tenant", "email");
            assertThat(document.at("/components/schemas/" + body + "/properties/tenant/pattern")
                            .asString())
                    .as(body)
                    .isEqualTo("^(?:[a-z0-9][a-z0-9-]{0,39})$");
        }
    }

    @Test
    void aSyncBatchHoldsObjectsAndAPullsCursorHasItsShapeAndItsRefusalSaid() {
        assertThat(document.at("/components/schemas/Batch/properties/orders/items/type")
                        .asString())
                .isEqualTo("object");
        var changes = operation("/api/v1/sync/changes", "get");
        assertThat(parameter(changes, "since").at("/schema/pattern").asString()).isEqualTo("^(?:[A-Za-z0-9_-]+)$");
        assertThat(changes.at("/responses/400/description").asString()).contains("not a cursor this tenant was given");
    }

    @Test
    void aNameInAPathIsOneTheFirewallLetsThrough() {
        var tableSchema = parameter(operation("/api/v1/sync/tables/{table}/close", "post"), "table")
                .get("schema");
        assertThat(tableSchema.path("maxLength").asInt()).isEqualTo(20);
        var table = java.util.regex.Pattern.compile(tableSchema.at("/pattern").asString());
        var sku = java.util.regex.Pattern.compile(parameter(operation("/api/v1/products/{sku}", "put"), "sku")
                .at("/schema/pattern")
                .asString());

        assertThat(List.of("Mesa 5", "T1", "varanda.2", "\uD83C\uDF55"))
                .allMatch(name -> table.matcher(name).matches());
        assertThat(List.of(".", "..", "a;b", "50%", "a/b", "a\\b", "a\u2028b", ""))
                .noneMatch(name -> table.matcher(name).matches());
        assertThat(sku.matcher("PIZZA-1.5").matches()).isTrue();
        assertThat(List.of(".", "..", "")).noneMatch(name -> sku.matcher(name).matches());
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        return operation
                .get("parameters")
                .valueStream()
                .filter(parameter -> parameter.get("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private JsonNode operation(String path, String method) {
        var operation = document.path("paths").path(path).path(method);
        assertThat(operation.isObject())
                .as("%s %s in the document", method, path)
                .isTrue();
        return operation;
    }

    private List<JsonNode> operations() {
        var all = new ArrayList<JsonNode>();
        document.get("paths").forEach(item -> item.forEach(all::add));
        return all;
    }

    private static List<String> responses(JsonNode operation) {
        return List.copyOf(operation.get("responses").propertyNames());
    }

    private static List<String> success(JsonNode operation) {
        return responses(operation).stream().filter(s -> s.startsWith("2")).toList();
    }

    private static List<String> security(JsonNode operation) {
        return StreamSupport.stream(operation.path("security").spliterator(), false)
                .flatMap(requirement -> requirement.propertyNames().stream())
                .toList();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
