package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /orders} answers the outcome in the same request (update-with-start on the real server, with
 * the workers running): a card order CONFIRMED or REJECTED, a PIX order PENDING with its code; a retry of the
 * placement answers the same bytes.
 */
@EndToEnd
class PlacementOutcomeTests {

    private static Orders orders;
    private static TestTenant tenant;

    @BeforeAll
    static void onboard(E2eStack stack) {
        orders = new Orders(stack.api());
        tenant = stack.newTenant("outcome").withProduct("PIZZA", 4_500, 50);
    }

    @Test
    void aCardOrderIsAnsweredConfirmedInThePlacementItself() {
        var placed = orders.place(
                tenant.customer(),
                "card-" + E2eStack.randomHex(),
                OrderRequest.takeaway().item("PIZZA", 1));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(placed.json().at("/payment/status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aDeclinedCardIsAnsweredRejectedWithItsReason() {
        var placed = orders.place(
                tenant.customer(),
                "declined-" + E2eStack.randomHex(),
                OrderRequest.takeaway().item("PIZZA", 1).card("tok_decline"));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(placed.json().get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void aPixOrderIsAnsweredAtOnceWithTheCodeToPay() {
        var placed = orders.place(
                tenant.customer(),
                "pix-" + E2eStack.randomHex(),
                OrderRequest.takeaway().item("PIZZA", 1).pix());

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(placed.json().at("/payment/pixCode").asString()).isNotBlank();
    }

    @Test
    void aRetriedPlacementAnswersTheSameOutcome() {
        var key = "retry-" + E2eStack.randomHex();
        var request = OrderRequest.takeaway().item("PIZZA", 1);

        var first = orders.place(tenant.customer(), key, request);
        var again = orders.place(tenant.customer(), key, request);

        assertThat(first.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(again.body()).isEqualTo(first.body());
    }
}
