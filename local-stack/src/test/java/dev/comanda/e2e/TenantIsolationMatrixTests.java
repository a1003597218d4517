package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tenant-scoped endpoint against another tenant's IDs (404, exactly as for IDs that never
 * existed), without a token (401) and with each role it does not serve (403). The owner's order and
 * stock are unchanged afterwards.
 */
@EndToEnd
class TenantIsolationMatrixTests {

    private static final String SECRET_SKU = "OWNERS-SECRET";
    private static final Set<String> ALL = Set.of("customer", "kitchen", "admin", "ops");

    /** One endpoint: {order} and {sku} in the path are filled in; roles that may call it. */
    record Endpoint(String method, String path, String body, Set<String> roles) {

        String at(String orderId, String sku) {
            return path.replace("{order}", orderId).replace("{sku}", sku);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/orders/{order}", null, ALL),
            new Endpoint("POST", "/api/v1/orders/{order}/cancel", "{\"reason\":\"mine now\"}", ALL),
            new Endpoint(
                    "POST",
                    "/api/v1/orders/{order}/transitions",
                    "{\"status\":\"ACCEPTED\"}",
                    Set.of("kitchen", "admin")),
            new Endpoint("GET", "/api/v1/orders/{order}/history", null, Set.of("ops", "admin")),
            new Endpoint(
                    "PUT",
                    "/api/v1/products/{sku}",
                    "{\"name\":\"Taken\",\"priceCents\":1,\"active\":false}",
                    Set.of("admin")),
            new Endpoint(
                    "POST",
                    "/api/v1/products/{sku}/stock",
                    "{\"delta\":-5,\"reference\":\"steal-1\"}",
                    Set.of("admin")));

    private static ComandaClient api;
    private static Orders orders;
    private static Rows rows;
    private static TestTenant owner;
    private static TestTenant stranger;
    private static String ownersOrder;

    @BeforeAll
    static void onboard(E2eStack stack) {
        api = stack.api();
        orders = new Orders(api);
        rows = new Rows(stack.jdbc());
        owner = stack.newTenant("matrix-owner").withProduct(SECRET_SKU, 4_500, 20);
        stranger = stack.newTenant("matrix-stranger").withProduct("PIZZA", 4_500, 20);
        ownersOrder = orders.placeNew(owner.customer(), OrderRequest.takeaway().item(SECRET_SKU, 1));
        orders.awaitStatus(owner.customer(), ownersOrder, OrderStatus.CONFIRMED);
    }

    static Stream<Arguments> foreignCalls() {
        return ENDPOINTS.stream().flatMap(e -> e.roles().stream().sorted().map(role -> Arguments.of(e, role)));
    }

    @ParameterizedTest(name = "{0} as the stranger''s {1}")
    @MethodSource("foreignCalls")
    void anotherTenantsIdsAreNotFoundLikeIdsThatNeverExisted(Endpoint endpoint, String role) {
        var foreign = call(
                endpoint,
                endpoint.at(ownersOrder, SECRET_SKU),
                stranger.tokens().get(role));
        var missing = call(
                endpoint,
                endpoint.at("f".repeat(32), "NEVER-EXISTED"),
                stranger.tokens().get(role));

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.text()).doesNotContain(owner.id());
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(foreign.json().get("title")).isEqualTo(missing.json().get("title"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void callWithoutATokenIsUnauthorized(Endpoint endpoint) {
        var response = call(endpoint, endpoint.at(ownersOrder, SECRET_SKU), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Arguments> wrongRoles() {
        return ENDPOINTS.stream()
                .flatMap(e -> ALL.stream()
                        .filter(role -> !e.roles().contains(role))
                        .sorted()
                        .map(role -> Arguments.of(e, role)));
    }

    @ParameterizedTest(name = "{0} as the owner''s {1}")
    @MethodSource("wrongRoles")
    void roleTheEndpointDoesNotServeIsForbidden(Endpoint endpoint, String role) {
        var response = call(
                endpoint, endpoint.at(ownersOrder, SECRET_SKU), owner.tokens().get(role));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void listsShowNothingOfAnotherTenant() {
        var ordersList = api.withToken(stranger.admin()).raw().get("/api/v1/orders?per_page=100&include=items");
        var products = api.withToken(stranger.admin()).raw().get("/api/v1/products");

        assertThat(ordersList.status()).as(ordersList.toString()).isEqualTo(200);
        assertThat(ordersList.text()).doesNotContain(ownersOrder).doesNotContain(SECRET_SKU);
        assertThat(products.status()).as(products.toString()).isEqualTo(200);
        assertThat(products.text()).doesNotContain(SECRET_SKU);
    }

    @Test
    void orderingAnotherTenantsProductAnswersAsForAProductThatDoesNotExist() {
        var foreign =
                orders.place(stranger.customer(), null, OrderRequest.takeaway().item(SECRET_SKU, 1));
        var missing =
                orders.place(stranger.customer(), null, OrderRequest.takeaway().item("NEVER-EXISTED", 1));

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(422);
        assertThat(foreign.errorFields()).containsExactly("items[0].sku");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(rows.orders(stranger.id())).isZero();
    }

    @AfterAll
    static void ownersDataIsUntouched() {
        assertThat(orders.get(owner.customer(), ownersOrder).get("status").asString())
                .isEqualTo("CONFIRMED");
        assertThat(rows.stock(owner.id(), SECRET_SKU)).isEqualTo(new Rows.Stock(19, 0, 1));
        var products =
                api.withToken(owner.admin()).raw().get("/api/v1/products").json();
        var names = new ArrayList<String>();
        products.forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).doesNotContain("Taken");
    }

    private static RawResponse call(Endpoint endpoint, String path, String token) {
        var headers = new LinkedHashMap<String, String>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (endpoint.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        return api.raw().send(endpoint.method(), path, headers, endpoint.body());
    }
}
