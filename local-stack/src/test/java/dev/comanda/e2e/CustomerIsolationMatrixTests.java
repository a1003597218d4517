package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.e2e.EventStreamClient.Closed;
import dev.comanda.order.OrderStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Object-level authorization inside one tenant (OWASP API1), on the real stack: two guests who ordered
 * through the storefront (each holding its order's tracking token), two customers signed in with a code
 * e-mailed to them (through the workers' relay to a real SMTP server), the storefront's publishable key,
 * and each role's API key, on every order endpoint and on the WebSocket. A guest sees, follows and
 * cancels only its own order, a customer only the orders it placed (another's is 404, like an order that
 * never existed); the publishable key reads the menu and places orders, nothing else.
 */
@EndToEnd
class CustomerIsolationMatrixTests {

    private static final String SKU = "PIZZA";
    private static final String NEVER_EXISTED = "f".repeat(32);

    private static E2eStack stack;
    private static ComandaClient api;
    private static Orders orders;
    private static TestTenant tenant;
    private static String storefront;
    /** Guest A's order and token (the order everyone else tries), guest B's. */
    private static String orderA;

    private static String guestA;
    private static String orderB;
    private static String guestB;
    /** Customer A's and B's access tokens and the order each placed signed in. */
    private static String customerA;

    private static String customerOrderA;
    private static String customerB;
    private static String customerOrderB;

    /** One endpoint on {order}; what a guest of another order and the publishable key get. */
    record Endpoint(String method, String path, String body) {

        String at(String orderId) {
            return path.replace("{order}", orderId);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ORDER_ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/orders/{order}", null),
            new Endpoint("POST", "/api/v1/orders/{order}/cancel", "{\"reason\":\"not mine\"}"));

    static final List<Endpoint> STAFF_ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/orders/{order}/transitions", "{\"status\":\"ACCEPTED\"}"),
            new Endpoint("GET", "/api/v1/orders/{order}/history", null),
            new Endpoint("GET", "/api/v1/devices", null),
            new Endpoint("GET", "/api/v1/api-keys", null),
            new Endpoint("GET", "/api/v1/staff", null),
            new Endpoint("GET", "/api/v1/sync/changes", null),
            new Endpoint("PUT", "/api/v1/products/" + SKU, "{\"name\":\"Free\",\"priceCents\":1,\"active\":true}"));

    @BeforeAll
    static void guestsOrderThroughTheStorefront(E2eStack shared) {
        stack = shared;
        api = stack.api();
        orders = new Orders(api);
        tenant = stack.newTenant("bola").withProduct(SKU, 4_500, 50);
        storefront = api.withToken(tenant.admin())
                .apiKeys()
                .issuePublishable("web shop")
                .token();
        assertThat(storefront).startsWith("cmp_");

        var placedA = placeAsGuest("Ana", "ana@example.com");
        orderA = placedA.json().path("id").asString();
        guestA = placedA.json().path("trackingToken").asString();
        var placedB = placeAsGuest("Bia", "bia@example.com");
        orderB = placedB.json().path("id").asString();
        guestB = placedB.json().path("trackingToken").asString();
        customerA = signIn("ana.account@example.com");
        customerB = signIn("bia.account@example.com");
        customerOrderA = placeAsCustomer(customerA, "Ana", "ana.account@example.com");
        customerOrderB = placeAsCustomer(customerB, "Bia", "bia.account@example.com");
        orders.awaitStatus(tenant.admin(), orderA, OrderStatus.CONFIRMED);
        orders.awaitStatus(tenant.admin(), orderB, OrderStatus.CONFIRMED);
        orders.awaitStatus(tenant.admin(), customerOrderA, OrderStatus.CONFIRMED);
        orders.awaitStatus(tenant.admin(), customerOrderB, OrderStatus.CONFIRMED);
    }

    @Test
    void aCustomerSignsInWithTheEmailedCodeAndReadsItsOwnOrder() {
        var own = call("GET", "/api/v1/orders/" + customerOrderA, customerA, null);

        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("customer").path("email").asString()).isEqualTo("ana.account@example.com");
        assertThat(own.json().has("trackingToken")).isFalse();
        assertThat(orders.get(tenant.admin(), customerOrderA).path("channel").asString())
                .isEqualTo("WEB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderEndpoints")
    void anotherCustomersOrderIsNotFoundLikeAnOrderThatNeverExisted(Endpoint endpoint) {
        var foreign = call(endpoint.method(), endpoint.at(customerOrderA), customerB, endpoint.body());
        var missing = call(endpoint.method(), endpoint.at(NEVER_EXISTED), customerB, endpoint.body());
        var guests = call(endpoint.method(), endpoint.at(orderA), customerB, endpoint.body());

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.text()).doesNotContain("ana.account@example.com");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(guests.status()).as(guests.toString()).isEqualTo(404);
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(orders.get(tenant.admin(), customerOrderA).path("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aGuestCannotReachACustomersOrderNorACustomerAGuests() {
        assertThat(call("GET", "/api/v1/orders/" + customerOrderA, guestA, null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/orders/" + orderA, customerA, null).status())
                .isEqualTo(404);
    }

    @Test
    void aCustomersListHoldsTheOrdersItPlacedOnly() {
        var second = placeAsCustomer(customerA, "Ana", "ana.account@example.com");

        var list = call("GET", "/api/v1/orders?per_page=100", customerA, null);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        orders.awaitStatus(tenant.admin(), second, OrderStatus.CONFIRMED);
        var listed = call("GET", "/api/v1/orders?per_page=100&include=timeline", customerA, null);
        assertThat(listed.json()
                        .path("items")
                        .valueStream()
                        .map(o -> o.path("id").asString()))
                .contains(customerOrderA, second)
                .doesNotContain(customerOrderB, orderA, orderB);
        assertThat(listed.json().path("total").asLong())
                .isEqualTo(listed.json().path("items").size());
        assertThat(listed.text()).doesNotContain("bia.account@example.com");
    }

    @Test
    void aCustomersIdempotencyKeyIsItsOwn() {
        var key = "shared-key-" + E2eStack.randomHex();
        var request = OrderRequest.takeaway().item(SKU, 1).withCustomer(new Customer("Ana", "ana.account@example.com"));
        var byA = orders.place(customerA, key, request);
        var byB = orders.place(customerB, key, request);
        var byBAgain = orders.place(customerB, key, request);

        assertThat(byA.status()).as(byA.toString()).isEqualTo(201);
        assertThat(byB.status()).as(byB.toString()).isEqualTo(201);
        var orderOfA = byA.json().path("id").asString();
        var orderOfB = byB.json().path("id").asString();
        assertThat(orderOfB).isNotEqualTo(orderOfA);
        assertThat(byBAgain.json().path("id").asString()).isEqualTo(orderOfB);
        assertThat(call("GET", "/api/v1/orders/" + orderOfA, customerB, null).status())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/orders/" + orderOfB, customerB, null).status())
                .isEqualTo(200);
    }

    @Test
    void aCustomerCancelsItsOwnOrderUnderTheCustomersRulesAndNotAnothers() {
        var order = placeAsCustomer(customerA, "Ana", "ana.account@example.com");
        orders.awaitStatus(tenant.admin(), order, OrderStatus.CONFIRMED);

        assertThat(call("POST", "/api/v1/orders/" + order + "/cancel", customerB, "{}")
                        .status())
                .isEqualTo(404);
        var cancelled =
                call("POST", "/api/v1/orders/" + order + "/cancel", customerA, "{\"reason\":\"changed my mind\"}");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        var timeline = orders.get(tenant.admin(), order).path("timeline");
        var cancelledBy = timeline.valueStream()
                .filter(entry -> entry.path("step").asString().equals("CANCELLED"))
                .findFirst()
                .orElseThrow()
                .path("by");
        assertThat(cancelledBy.path("kind").asString()).isEqualTo("CUSTOMER");
        assertThat(cancelledBy.path("name").asString()).isEqualTo("ana.account@example.com");
    }

    @Test
    void aCustomerFollowsOnlyItsOwnOrdersOverTheWebSocket() {
        var order = placeAsCustomer(customerA, "Ana", "ana.account@example.com");
        orders.awaitStatus(tenant.admin(), order, OrderStatus.CONFIRMED);
        var others = placeAsCustomer(customerB, "Bia", "bia.account@example.com");
        var guests = placeAsGuest("Duda", "duda@example.com").json().path("id").asString();
        orders.awaitStatus(tenant.admin(), others, OrderStatus.CONFIRMED);
        orders.awaitStatus(tenant.admin(), guests, OrderStatus.CONFIRMED);
        try (var stream = EventStreamClient.withHeader(stack.comanda().apiUrl(), customerA, null)) {
            stream.catchUp();

            move(others, "ACCEPTED");
            move(guests, "ACCEPTED");
            move(order, "ACCEPTED");

            var seen = stream.eventsUntil(order, "ACCEPTED");
            assertThat(seen)
                    .extracting(m -> m.json().path("orderId").asString())
                    .containsOnly(order);
            assertThat(seen.getLast().json().has("by"))
                    .as("a customer's stream names none of the restaurant's people")
                    .isFalse();
        }
    }

    @Test
    void aCustomerCannotFollowAnotherCustomersOrderOverTheWebSocket() {
        try (var stream =
                EventStreamClient.withHeader(stack.comanda().apiUrl(), customerB, "?orderId=" + customerOrderA)) {
            assertThat(stream.awaitClosed().code()).isEqualTo(4400);
        }
        try (var stream = EventStreamClient.withoutHeader(stack.comanda().apiUrl(), "?orderId=" + customerOrderA)) {
            stream.send("{\"type\":\"auth\",\"token\":\"" + customerB + "\"}");
            assertThat(stream.awaitClosed().code()).isEqualTo(4400);
        }
    }

    @Test
    void aSignedOutCustomersTokenStopsAtOnce() {
        var token = signIn("caio.account@example.com");
        assertThat(call("GET", "/api/v1/orders", token, null).status()).isEqualTo(200);

        api.withToken(token).signIn().customerSignOut();

        assertThat(call("GET", "/api/v1/orders", token, null).status()).isEqualTo(401);
    }

    @Test
    void theTypedClientReadsTheTrackingTokenAndCallsAsTheGuest() {
        var placed = api.withToken(storefront)
                .orders()
                .place(OrderRequest.takeaway().item(SKU, 1), "typed-" + E2eStack.randomHex());

        assertThat(placed.trackingToken()).startsWith("cmt_");
        assertThat(api.withToken(placed.trackingToken())
                        .orders()
                        .get(placed.id())
                        .id())
                .isEqualTo(placed.id());
    }

    @Test
    void aGuestPlacementAnswersAnOrderScopedTrackingToken() {
        assertThat(guestA).startsWith("cmt_");
        assertThat(guestB).startsWith("cmt_").isNotEqualTo(guestA);
        var own = call("GET", "/api/v1/orders/" + orderA, guestA, null);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("customer").path("email").asString()).isEqualTo("ana@example.com");
        assertThat(own.json().has("trackingToken")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderEndpoints")
    void anotherGuestsOrderIsNotFoundLikeAnOrderThatNeverExisted(Endpoint endpoint) {
        var foreign = call(endpoint.method(), endpoint.at(orderA), guestB, endpoint.body());
        var missing = call(endpoint.method(), endpoint.at(NEVER_EXISTED), guestB, endpoint.body());

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.text()).doesNotContain("ana@example.com").doesNotContain("Ana");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(orders.get(tenant.admin(), orderA).path("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aGuestsListHoldsItsOwnOrderOnly() {
        var list = call("GET", "/api/v1/orders?per_page=100", guestB, null);

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("items").valueStream().map(o -> o.path("id").asString()))
                .containsExactly(orderB);
        assertThat(list.text()).doesNotContain(orderA).doesNotContain("ana@example.com");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("staffOnlyCalls")
    void guestsAndThePublishableKeyAreRefusedWhatIsForStaff(Endpoint endpoint, String caller) {
        var token = switch (caller) {
            case "storefront" -> storefront;
            case "customer" -> customerA;
            default -> guestA;
        };

        var answer = call(endpoint.method(), endpoint.at(orderA), token, endpoint.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderEndpoints")
    void thePublishableKeyCannotReadOrCancelAnyOrder(Endpoint endpoint) {
        var answer = call(endpoint.method(), endpoint.at(orderA), storefront, endpoint.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
    }

    @Test
    void thePublishableKeyCannotListOrdersButReadsTheMenu() {
        assertThat(call("GET", "/api/v1/orders", storefront, null).status()).isEqualTo(403);
        var menu = call("GET", "/api/v1/products", storefront, null);
        assertThat(menu.status()).as(menu.toString()).isEqualTo(200);
        assertThat(menu.text()).contains(SKU);
    }

    @Test
    void aGuestTokenCannotPlaceOrReadTheMenu() {
        assertThat(call("GET", "/api/v1/products", guestA, null).status()).isEqualTo(403);
        assertThat(orders.place(
                                guestA,
                                "guest-places-" + E2eStack.randomHex(),
                                OrderRequest.takeaway().item(SKU, 1))
                        .status())
                .isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staffRoles")
    void everyStaffRoleKeepsSeeingTheTenantsOrders(String role) {
        var answer = call("GET", "/api/v1/orders/" + orderA, tenant.tokens().get(role), null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void aGuestCancelsItsOwnOrderUnderTheCustomersRules() {
        var placed = placeAsGuest("Caio", "caio@example.com");
        var order = placed.json().path("id").asString();
        var guest = placed.json().path("trackingToken").asString();
        orders.awaitStatus(tenant.admin(), order, OrderStatus.CONFIRMED);

        assertThat(call("POST", "/api/v1/orders/" + order + "/cancel", guestB, "{}")
                        .status())
                .isEqualTo(404);
        var cancelled = call("POST", "/api/v1/orders/" + order + "/cancel", guest, "{\"reason\":\"changed my mind\"}");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aForgedOrExpiredLookingTrackingTokenIsRefused() {
        var forged = guestA.substring(0, guestA.length() - 4) + "AAAA";

        assertThat(call("GET", "/api/v1/orders/" + orderA, forged, null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/orders/" + orderA, "cmt_not-a-jwt", null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aGuestFollowsOnlyItsOwnOrderOverTheWebSocket() {
        var placed = placeAsGuest("Duda", "duda@example.com");
        var order = placed.json().path("id").asString();
        var guest = placed.json().path("trackingToken").asString();
        orders.awaitStatus(tenant.admin(), order, OrderStatus.CONFIRMED);
        try (var stream = EventStreamClient.withHeader(stack.comanda().apiUrl(), guest, null)) {
            stream.catchUp();

            move(orderB, "ACCEPTED");
            move(order, "ACCEPTED");

            var seen = stream.eventsUntil(order, "ACCEPTED");
            assertThat(seen)
                    .extracting(m -> m.json().path("orderId").asString())
                    .containsOnly(order);
        }
    }

    @Test
    void aGuestCannotFollowAnotherOrderOverTheWebSocket() {
        try (var stream = EventStreamClient.withHeader(stack.comanda().apiUrl(), guestB, "?orderId=" + orderA)) {
            var closed = stream.awaitClosed();
            assertThat(closed.code()).isEqualTo(4400);
        }
    }

    @Test
    void thePublishableKeyCannotFollowOrdersOverTheWebSocket() {
        try (var stream = EventStreamClient.withHeader(stack.comanda().apiUrl(), storefront, null)) {
            assertThat(stream.awaitClosed()).isEqualTo(new Closed(4403, "this token may not follow orders"));
        }
        try (var stream = EventStreamClient.withoutHeader(stack.comanda().apiUrl(), null)) {
            stream.send("{\"type\":\"auth\",\"token\":\"" + storefront + "\"}");
            assertThat(stream.awaitClosed()).isEqualTo(new Closed(4403, "this token may not follow orders"));
        }
    }

    static Stream<Endpoint> orderEndpoints() {
        return ORDER_ENDPOINTS.stream();
    }

    static Stream<Arguments> staffOnlyCalls() {
        return STAFF_ENDPOINTS.stream()
                .flatMap(endpoint ->
                        Stream.of("guest", "customer", "storefront").map(caller -> Arguments.of(endpoint, caller)));
    }

    static Stream<String> staffRoles() {
        return Stream.of("customer", "kitchen", "admin", "ops");
    }

    private static RawResponse placeAsGuest(String name, String email) {
        var placed = orders.place(
                storefront,
                "guest-" + E2eStack.randomHex(),
                OrderRequest.takeaway().item(SKU, 1).withCustomer(new Customer(name, email)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed;
    }

    /** Signs a customer in as a storefront does: a code e-mailed to the address, traded for a token. */
    private static String signIn(String email) {
        var before = stack.mailbox().count(email);
        var sent = api.signIn().requestCustomerCode(tenant.id(), email);
        assertThat(sent.expiresIn()).isPositive();
        var code = stack.mailbox().awaitCustomerCode(email, before);
        var tokens = api.signIn().customerSignIn(tenant.id(), email, code);
        assertThat(tokens.accessToken()).startsWith("eyJ");
        return tokens.accessToken();
    }

    private static String placeAsCustomer(String token, String name, String email) {
        var placed = orders.place(
                token,
                "customer-" + E2eStack.randomHex(),
                OrderRequest.takeaway().item(SKU, 1).withCustomer(new Customer(name, email)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().has("trackingToken")).isFalse();
        return placed.json().path("id").asString();
    }

    private static void move(String orderId, String status) {
        var moved = call(
                "POST",
                "/api/v1/orders/" + orderId + "/transitions",
                tenant.kitchen(),
                "{\"status\":\"" + status + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    }

    private static RawResponse call(String method, String path, String token, String body) {
        var headers = new LinkedHashMap<String, String>(RawApi.bearer(token));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return api.raw().send(method, path, headers, body);
    }
}
