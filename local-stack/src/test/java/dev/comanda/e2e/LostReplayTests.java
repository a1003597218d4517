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
}
