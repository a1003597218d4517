package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.order.OrderStatus;
import dev.comanda.sandbox.SandboxConfig;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PIX is paid out of band: the provider's signed webhook, and only a correctly signed one, confirms the order. */
@EndToEnd
class PixPaymentTests {

    private static E2eStack stack;
    private static TestTenant tenant;
    private static Orders orders;
    private static Rows rows;

    @BeforeAll
    static void onboard(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        rows = new Rows(stack.jdbc());
        tenant = stack.newTenant("pix").withProduct("ACAI", 2_200, 10);
    }

    @Test
    void pixOrderIsConfirmedByTheProvidersSignedWebhook() {
        var orderId = orders.placeNew(
                tenant.customer(), OrderRequest.takeaway().item("ACAI", 2).pix());
        var pending = orders.await(
                tenant.customer(),
                orderId,
                "a PIX charge",
                order -> !order.at("/payment/providerChargeId").isMissingNode()
                        && !order.at("/payment/providerChargeId").isNull());
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.at("/payment/pixCode").asString()).isNotBlank();
        var chargeId = pending.at("/payment/providerChargeId").asString();

        var paid = stack.api()
                .raw()
                .send(
                        "POST",
                        stack.sandboxUrl() + "/v1/charges/" + chargeId + "/confirm",
                        Map.of("Authorization", "Bearer " + SandboxConfig.DEFAULT_SECRET_KEY),
                        "{}");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        var confirmed = orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        assertThat(confirmed.at("/payment/charged/cents").asLong()).isEqualTo(4_400);
        assertThat(rows.orderStatus(orderId)).isEqualTo("CONFIRMED");
        assertThat(rows.stock(tenant.id(), "ACAI")).isEqualTo(new Rows.Stock(8, 0, 2));
    }

    @Test
    void webhookWithABadSignatureIsUnauthorized() {
        var body = "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_forged\",\"amount\":1,"
                + "\"metadata\":{\"order_id\":\"00000000000000000000000000000000\",\"tenant_id\":\"" + tenant.id()
                + "\"}}}";
        var signature = "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32);

        var response = stack.api()
                .raw()
                .send(
                        "POST",
                        "/api/v1/payments/webhook",
                        Map.of("Content-Type", "application/json", "Comanda-Signature", signature),
                        body);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
