package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class CustomerCancelTests {

    private static final int INITIAL_STOCK = 10;
    private static final long PRICE_CENTS = 3_200;

    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack stack) {
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("cancel").withProduct("BURGER", PRICE_CENTS, INITIAL_STOCK);
    }

    @Test
    void customerCancellingAConfirmedOrderGetsTheChargeRefundedAndTheStockBack() {
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("BURGER", 2));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);

        var cancelled = orders.cancel(tenant.customer(), orderId);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CANCELLED)
                        .get("reason")
                        .asString())
                .isEqualTo("CUSTOMER_REQUEST");
        assertThat(rows.orderStatus(orderId)).isEqualTo("CANCELLED");
        var payments = rows.payments(orderId);
        var charged = sum(payments, "CHARGE");
        var refunded = sum(payments, "REFUND");
        assertThat(charged).isEqualTo(2 * PRICE_CENTS);
        assertThat(refunded).isEqualTo(charged);
        assertThat(rows.stock(tenant.id(), "BURGER")).isEqualTo(new Rows.Stock(INITIAL_STOCK, 0, 0));
    }

    @Test
    void customerCannotCancelOnceTheKitchenAccepted() {
        var orderId = orders.placeNew(tenant.customer(), OrderRequest.takeaway().item("BURGER", 1));
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(orders.move(tenant.kitchen(), orderId, OrderStatus.ACCEPTED).status())
                .isEqualTo(200);

        var refused = orders.cancel(tenant.customer(), orderId);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(orders.get(tenant.customer(), orderId).get("status").asString())
                .isEqualTo("ACCEPTED");
    }

    /** Succeeded charges, or refunds that went through, in cents. */
    private static long sum(java.util.List<Rows.PaymentRow> payments, String kind) {
        return payments.stream()
                .filter(p -> p.kind().equals(kind))
                .filter(p -> p.status().equals("SUCCEEDED") || p.status().equals("REFUNDED"))
                .mapToLong(Rows.PaymentRow::amountCents)
                .sum();
    }
}
