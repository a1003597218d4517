package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.RawApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device identity: what a DEVICE token may do, revocation, and tenant isolation of the sync endpoints. */
@EndToEnd
class DeviceAccessTests {

    private static E2eStack stack;
    private static TestTenant tenant;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        tenant = stack.newTenant("pos-access").withProduct("PIZZA", 4_000, 100);
    }

    @Test
    void aDeviceReadsTheCatalogButAdministersNothing() {
        var device = PosDevice.register(tenant, "till");
        var api = stack.api();

        assertThat(api.withToken(device.token()).raw().get("/api/v1/products").status())
                .isEqualTo(200);
        assertThat(api.withToken(device.token())
                        .raw()
                        .post("/api/v1/products", Map.of("sku", "X", "name", "X", "priceCents", 1, "initialStock", 1))
                        .status())
                .isEqualTo(403);
        assertThat(api.withToken(device.token()).raw().get("/api/v1/devices").status())
                .isEqualTo(403);
        assertThat(api.withToken(device.token())
                        .raw()
                        .post("/api/v1/devices", Map.of("name", "rogue"))
                        .status())
                .isEqualTo(403);
        var orderId = device.sync(List.of(PosDevice.order("c-1", Instant.now(), "PIZZA", 1, 4_000)))
                .getFirst()
                .get("orderId")
                .asString();
        assertThat(api.withToken(device.token())
                        .raw()
                        .post("/api/v1/orders/" + orderId + "/cancel", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.withToken(device.token())
                        .raw()
                        .get("/api/v1/orders/" + orderId + "/history")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aDeviceMovesItsOrdersThroughTheKitchen() {
        var device = PosDevice.register(tenant, "kitchen-till");
        var orderId = device.sync(List.of(PosDevice.order("k-1", Instant.now(), "PIZZA", 1, 4_000)))
                .getFirst()
                .get("orderId")
                .asString();
        var orders = new Orders(stack.api());
        orders.awaitStatus(device.token(), orderId, dev.comanda.order.OrderStatus.CONFIRMED);

        for (var status : List.of("ACCEPTED", "PREPARING", "READY", "SERVED")) {
            var moved = stack.api()
                    .withToken(device.token())
                    .raw()
                    .post("/api/v1/orders/" + orderId + "/transitions", Map.of("status", status));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }

        var completed = orders.awaitStatus(device.token(), orderId, dev.comanda.order.OrderStatus.COMPLETED);
        var payment = completed.get("payment");
        assertThat(payment.get("charged").get("cents").asLong()
                        - payment.get("refunded").get("cents").asLong())
                .as("charged - refunded of a completed counter order")
                .isEqualTo(completed.get("total").get("cents").asLong());
    }

    @Test
    void aRevokedDeviceIsRefusedAtItsNextRequest() {
        var device = PosDevice.register(tenant, "stolen");
        assertThat(device.changes(null).status()).isEqualTo(200);

        var revoked =
                stack.api().raw().send("DELETE", "/api/v1/devices/" + device.id(), RawApi.bearer(tenant.admin()), null);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(device.changes(null).status()).isEqualTo(401);
        assertThat(device.upload(List.of(PosDevice.order("late", Instant.now(), "PIZZA", 1, 4_000)))
                        .status())
                .isEqualTo(401);
        assertThat(stack.api().withToken(tenant.admin()).raw().get("/api/v1/devices").json().findValues("id").stream()
                        .map(tools.jackson.databind.JsonNode::asString))
                .contains(device.id());
    }

    @Test
    void aForeignDeviceTokenSeesNothingOfAnotherTenant() {
        var ours = PosDevice.register(tenant, "ours");
        var orderId = ours.sync(List.of(PosDevice.order("mine", Instant.now(), "PIZZA", 1, 4_000)))
                .getFirst()
                .get("orderId")
                .asString();
        var other = stack.newTenant("pos-foreign").withProduct("SALAD", 2_000, 10);
        var foreign = PosDevice.register(other, "theirs");

        var pulled = foreign.changes(null);

        assertThat(pulled.status()).isEqualTo(200);
        assertThat(pulled.text()).doesNotContain(orderId).doesNotContain("PIZZA");
        assertThat(stack.api()
                        .withToken(foreign.token())
                        .raw()
                        .get("/api/v1/orders/" + orderId)
                        .status())
                .isEqualTo(404);
        assertThat(stack.api()
                        .withToken(foreign.token())
                        .raw()
                        .post("/api/v1/orders/" + orderId + "/transitions", Map.of("status", "ACCEPTED"))
                        .status())
                .isEqualTo(404);
        assertThat(stack.api()
                        .raw()
                        .send("DELETE", "/api/v1/devices/" + ours.id(), RawApi.bearer(other.admin()), null)
                        .status())
                .isEqualTo(404);
        var ourCursor = ours.changes(null).json().get("cursor").asString();
        assertThat(foreign.changes(ourCursor).status())
                .as("another tenant's cursor")
                .isEqualTo(400);
    }
}
