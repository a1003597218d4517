package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import dev.comanda.sandbox.ReceivedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EndToEnd
class IdempotencyTests {

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("idem").withProduct("PIZZA", 4_500, 20).withProduct("SODA", 900, 20);
    }

    @Test
    void repeatedKeyReplaysTheFirstResponseAndMakesOneOrderWithOneCharge() {
        var key = "checkout-" + E2eStack.randomHex();
        var body = OrderRequest.takeaway().item("PIZZA", 1);

        var first = orders.place(tenant.customer(), key, body);
        var second = orders.place(tenant.customer(), key, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        var orderId = first.json().get("id").asString();
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(rows.orders(tenant.id())).isOne();
        assertThat(rows.payments(orderId))
                .singleElement()
                .satisfies(charge -> assertThat(charge.kind()).isEqualTo("CHARGE"));
        assertThat(stack.sandbox().receivedRequests().stream()
                        .filter(request -> isChargeOf(request, orderId))
                        .map(ReceivedRequest::idempotencyKey)
                        .distinct())
                .as("charges the provider made for the order")
                .hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedNamingTheHeader() {
        var key = "checkout-" + E2eStack.randomHex();
        var first = orders.place(tenant.customer(), key, OrderRequest.takeaway().item("SODA", 1));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        var reused =
                orders.place(tenant.customer(), key, OrderRequest.takeaway().item("SODA", 2));

        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.errorFields()).containsExactly("Idempotency-Key");
    }

    private static boolean isChargeOf(ReceivedRequest request, String orderId) {
        return request.method().equals("POST")
                && request.path().equals("/v1/charges")
                && request.status() < 300
                && request.body().contains(orderId);
    }
}
