package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class PaymentDeclineTests {

    private static final int INITIAL_STOCK = 10;

    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack stack) {
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("decline").withProduct("PIZZA", 4_500, INITIAL_STOCK);
    }

    @Test
    void declinedCardRejectsTheOrderAndPutsTheStockBack() {
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 3).card("tok_decline"));

        var rejected = orders.awaitStatus(tenant.customer(), orderId, OrderStatus.REJECTED);

        assertThat(rejected.get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(rows.orderStatus(orderId)).isEqualTo("REJECTED");
        assertThat(rows.stock(tenant.id(), "PIZZA")).isEqualTo(new Rows.Stock(INITIAL_STOCK, 0, 0));
        assertThat(rows.payments(orderId))
                .as("the declined attempt may be recorded, a successful charge never")
                .noneMatch(payment -> payment.status().equals("SUCCEEDED"));
    }

    @Test
    void endedOrderCannotBeCancelledAnyMore() {
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("PIZZA", 1).card("tok_decline"));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.REJECTED);

        var late = orders.cancel(tenant.kitchen(), orderId);

        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("REJECTED");
    }
}
