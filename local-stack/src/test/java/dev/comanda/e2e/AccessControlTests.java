package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: no token is 401, a token of the wrong role is 403, both as problem+json. */
@EndToEnd
class AccessControlTests {

    private static ComandaClient api;
    private static Orders orders;
    private static TestTenant tenant;
    private static String orderId;

    @BeforeAll
    static void onboard(E2eStack stack) {
        api = stack.api();
        orders = new Orders(api);
        tenant = stack.newTenant("access").withProduct("PIZZA", 4_500, 20);
        orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        var response = api.withToken(null).raw().get("/api/v1/orders/" + orderId);

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownTokenIsUnauthorized() {
        assertProblem(api.withToken("not-a-token").raw().get("/api/v1/orders"), 401);
    }

    @Test
    void customerCannotMoveOrdersThroughTheKitchen() {
        assertProblem(orders.move(tenant.customer(), orderId, OrderStatus.ACCEPTED), 403);
        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void customerCannotCreateProducts() {
        var response = api.withToken(tenant.customer())
                .raw()
                .post(
                        "/api/v1/products",
                        Map.of("sku", "FREE-PIZZA", "name", "Free pizza", "priceCents", 0, "initialStock", 5));

        assertProblem(response, 403);
        assertThat(api.withToken(tenant.customer())
                        .raw()
                        .get("/api/v1/products")
                        .text())
                .doesNotContain("FREE-PIZZA");
    }

    @Test
    void kitchenCannotReadTheWorkflowHistory() {
        assertProblem(api.withToken(tenant.kitchen()).raw().get("/api/v1/orders/" + orderId + "/history"), 403);
    }

    @Test
    void opsReadTheWorkflowHistory() {
        var history = api.withToken(tenant.ops()).raw().get("/api/v1/orders/" + orderId + "/history");

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().get("events").isArray()).isTrue();
    }

    private static void assertProblem(RawResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
