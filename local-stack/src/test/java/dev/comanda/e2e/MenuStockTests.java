package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The menu a customer reads shows stock as it is: a dish sold out by orders reads 0 at once. */
@EndToEnd
class MenuStockTests {

    private static E2eStack stack;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
    }

    @Test
    void aDishSoldOutByAnOrderShowsNoneAvailableRightAfterConfirmation() {
        var tenant = stack.newTenant("menu").withProduct("TART", 1_800, 2);
        // Read once, so the catalog cache holds the product with 2 available.
        assertThat(available(tenant, "TART")).isEqualTo(2);
        var orders = new Orders(stack.api());
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("TART", 2));

        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        assertThat(available(tenant, "TART")).isZero();
    }

    private static int available(TestTenant tenant, String sku) {
        var menu = stack.api().withToken(tenant.customer()).raw().get("/api/v1/products");
        assertThat(menu.status()).as(menu.toString()).isEqualTo(200);
        for (JsonNode product : menu.json()) {
            if (product.get("sku").asString().equals(sku)) {
                return product.get("available").asInt();
            }
        }
        throw new AssertionError(sku + " is not on the menu: " + menu);
    }
}
