package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.PlaceOrderRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Bad input is a 4xx problem naming the field, never a 500, and leaves nothing behind. */
@EndToEnd
class InvalidInputTests {

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;
    private int chargesBefore;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("invalid").withProduct("PIZZA", 4_500, 20);
    }

    @BeforeEach
    void countCharges() {
        chargesBefore = stack.sandbox().chargeCount();
    }

    /** This tenant never gets a valid order, so any row of it would be a leftover of a refused request. */
    @AfterEach
    void nothingWasWritten() {
        assertThat(rows.orders(tenant.id())).isZero();
        assertThat(rows.reservations(tenant.id())).isZero();
        assertThat(rows.paymentsOfTenant(tenant.id())).isZero();
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(20, 0, 0));
        assertThat(stack.sandbox().chargeCount()).isEqualTo(chargesBefore);
    }

    @Test
    void malformedJsonIsABadRequest() {
        var response = orders.place(tenant.customer(), null, "{\"customer\": {\"name\": \"Ana\",");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("body");
    }

    static Stream<Arguments> invalidOrders() {
        var valid = OrderRequest.takeaway().item("PIZZA", 1);
        return Stream.of(
                Arguments.of("bad email", OrderRequest.email(valid, "not-an-email"), "customer.email"),
                Arguments.of("quantity 0", OrderRequest.takeaway().item("PIZZA", 0), "items[0].quantity"),
                Arguments.of("unknown sku", OrderRequest.takeaway().item("NO-SUCH-SKU", 1), "items[0].sku"),
                Arguments.of(
                        "delivery without address", OrderRequest.deliveryWithoutAddress(valid), "fulfilment.address"),
                Arguments.of("card without token", OrderRequest.cardWithoutToken(valid), "payment.cardToken"),
                Arguments.of("quantity not a number", quantityAsText(valid), "items[0].quantity"));
    }

    /** A body the typed request cannot hold: the first line's quantity as the text "two". */
    private static ObjectNode quantityAsText(PlaceOrderRequest valid) {
        ObjectNode body = E2eStack.JSON.valueToTree(valid);
        ((ObjectNode) body.get("items").get(0)).put("quantity", "two");
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidFieldIsRefusedNamingTheField(String what, Object body, String field) {
        var response = orders.place(tenant.customer(), "key-" + E2eStack.randomHex(), body);

        assertThat(response.status()).as(response.toString()).isIn(400, 422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).contains(field);
    }
}
