package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.RawResponse;
import dev.comanda.order.OrderStatus;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token of one tenant learns nothing of another tenant's orders, not even that they exist. */
@EndToEnd
class TenantIsolationTests {

    private static ComandaClient api;
    private static Orders orders;
    private static TestTenant owner;
    private static TestTenant stranger;
    private static String ownersOrder;

    @BeforeAll
    static void onboard(E2eStack stack) {
        api = stack.api();
        orders = new Orders(api);
        owner = stack.newTenant("owner").withProduct("PIZZA", 4_500, 20);
        stranger = stack.newTenant("stranger").withProduct("PIZZA", 4_500, 20);
        ownersOrder = orders.placeNew(owner.customer(), OrderRequest.takeaway().item("PIZZA", 1));
        orders.awaitStatus(owner.customer(), ownersOrder, OrderStatus.CONFIRMED);
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        var response = api.withToken(stranger.admin()).raw().get("/api/v1/orders/" + ownersOrder);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anotherTenantsOrderCannotBeCancelled() {
        var response = orders.cancel(stranger.admin(), ownersOrder);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(orders.get(owner.customer(), ownersOrder).get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void anotherTenantsOrderCannotBeMoved() {
        var response = orders.move(stranger.kitchen(), ownersOrder, OrderStatus.ACCEPTED);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(orders.get(owner.customer(), ownersOrder).get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void anotherTenantsOrderHistoryIsNotFound() {
        var response = api.withToken(stranger.ops()).raw().get("/api/v1/orders/" + ownersOrder + "/history");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
    }

    @Test
    void orderListShowsOnlyTheCallersTenant() {
        var strangersOrder =
                orders.placeNew(stranger.customer(), OrderRequest.takeaway().item("PIZZA", 1));
        orders.awaitStatus(stranger.customer(), strangersOrder, OrderStatus.CONFIRMED);

        var strangersList = api.withToken(stranger.admin()).raw().get("/api/v1/orders?per_page=100");
        var ownersList = api.withToken(owner.admin()).raw().get("/api/v1/orders?per_page=100");

        assertThat(ids(strangersList)).contains(strangersOrder).doesNotContain(ownersOrder);
        assertThat(ids(ownersList)).contains(ownersOrder).doesNotContain(strangersOrder);
    }

    private static java.util.List<String> ids(RawResponse list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(order -> order.get("id").asString())
                .toList();
    }
}
