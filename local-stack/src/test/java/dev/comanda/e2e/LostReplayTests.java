package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Found by the redis-stop fault run: a retried placement whose replay record Redis no longer holds
 * must answer with the order its first attempt started, not re-validate it (and refuse it as out of
 * stock because of its own reservation) while the order goes on and is charged.
 */
@EndToEnd
class LostReplayTests {

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("lost-replay").withProduct("LAST-SLICE", 700, 1);
    }

    @Test
    void retryAfterTheReplayRecordIsLostAnswersTheOrderItStarted() {
        var key = "checkout-" + E2eStack.randomHex();
        var body = OrderRequest.takeaway().item("LAST-SLICE", 1);
        var first = orders.place(tenant.customer(), key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        var orderId = first.json().get("id").asString();
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        // Redis loses everything of the tenant: the replay record and the cached catalog (which still
        // showed the slice as available, so the stock check alone would not have noticed).
        stack.comanda().api().getBean(RedissonClient.class).getKeys().deleteByPattern("*" + tenant.id() + "*");

        var retry = orders.place(tenant.customer(), key, body);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.json().get("id").asString()).isEqualTo(orderId);
        assertThat(rows.orders(tenant.id())).isOne();
        assertThat(rows.payments(orderId)).hasSize(1);
    }

    /**
     * Found by the contract run: a DELIVERY without its address, under the key of an order whose replay record
     * is gone, was answered 201 with that order. A request wrong in itself is refused, naming its field.
     */
    @Test
    void aRequestWrongInItselfUnderTheKeyOfALostReplayIsRefusedNotAnsweredWithTheOrder() {
        tenant.withProduct("SPARE-SLICE", 700, 10);
        var key = "checkout-" + E2eStack.randomHex();
        var first = orders.place(tenant.customer(), key, OrderRequest.takeaway().item("SPARE-SLICE", 1));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        stack.comanda().api().getBean(RedissonClient.class).getKeys().deleteByPattern("*" + tenant.id() + "*");
        var ordersBefore = rows.orders(tenant.id());

        var wrong = orders.place(
                tenant.customer(),
                key,
                OrderRequest.deliveryWithoutAddress(OrderRequest.takeaway().item("SPARE-SLICE", 1)));

        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(wrong.errorFields()).contains("fulfilment.address");
        assertThat(rows.orders(tenant.id())).isEqualTo(ordersBefore);
    }
}
