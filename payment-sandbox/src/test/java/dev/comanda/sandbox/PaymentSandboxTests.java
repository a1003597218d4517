package dev.comanda.sandbox;

import static dev.comanda.sandbox.SandboxClient.card;
import static dev.comanda.sandbox.SandboxClient.pix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentSandboxTests {

    private final PaymentSandbox sandbox = new PaymentSandbox();
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox.start(SandboxConfig.forTests());
        client = new SandboxClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_SECRET_KEY);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void cardChargeWithAGoodTokenSucceeds() {
        var reply = client.post("/v1/charges", "k1", card(2500, "tok_visa"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("id").asText()).startsWith("ch_");
        assertThat(reply.body().get("status").asText()).isEqualTo("succeeded");
        assertThat(reply.body().get("amount").asLong()).isEqualTo(2500);
        assertThat(reply.body().get("currency").asText()).isEqualTo("brl");
    }

    @Test
    void declineTokenIsACardError() {
        var reply = client.post("/v1/charges", "k1", card(2500, "tok_insufficient_funds"));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.body().at("/error/type").asText()).isEqualTo("card_error");
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("card_declined");
        assertThat(reply.body().at("/error/decline_code").asText()).isEqualTo("insufficient_funds");
    }

    @Test
    void chargeListHoldsEveryChargeOnce() {
        client.post("/v1/charges", "k1", card(2500, "tok_visa"));
        client.post("/v1/charges", "k1", card(2500, "tok_visa"));
        client.post("/v1/charges", "k2", card(900, "tok_decline"));

        var list = client.get("/v1/charges");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("data"))
                .extracting(
                        charge -> charge.get("amount").asLong(),
                        charge -> charge.get("status").asText())
                .containsExactlyInAnyOrder(tuple(2500L, "succeeded"), tuple(900L, "failed"));
    }

    @Test
    void sameKeyAndBodyReplaysTheStoredCharge() {
        var first = client.post("/v1/charges", "k1", card(2500, "tok_visa"));
        var second = client.post("/v1/charges", "k1", card(2500, "tok_visa"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        client.post("/v1/charges", "k1", card(2500, "tok_visa"));

        var reply = client.post("/v1/charges", "k1", card(9900, "tok_visa"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void invalidChargeNamesTheParameter() {
        var reply = client.post("/v1/charges", "k1", Map.of("currency", "BRL", "method", "CARD"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/param").asText()).isEqualTo("amount");
    }

    @Test
    void wrongSecretKeyIsUnauthorized() {
        var stranger = new SandboxClient(sandbox.baseUrl(), "sk_wrong");

        assertThat(stranger.post("/v1/charges", "k1", card(2500, "tok_visa")).status())
                .isEqualTo(401);
    }

    @Test
    void refundOfASucceededChargeRefundsItOnce() {
        var charge = client.post("/v1/charges", "k1", card(2500, "tok_visa")).body();
        var refundBody = Map.of("charge", charge.get("id").asText(), "reason", "requested_by_customer");

        var refund = client.post("/v1/refunds", "r1", refundBody);
        var replay = client.post("/v1/refunds", "r1", refundBody);
        var another = client.post("/v1/refunds", "r2", refundBody);

        assertThat(refund.body().get("status").asText()).isEqualTo("succeeded");
        assertThat(refund.body().get("amount").asLong()).isEqualTo(2500);
        assertThat(replay.body()).isEqualTo(refund.body());
        assertThat(another.status()).isEqualTo(400);
        assertThat(another.body().at("/error/code").asText()).isEqualTo("charge_already_refunded");
        assertThat(client.get("/v1/charges/" + charge.get("id").asText())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("refunded");
    }

    @Test
    void refundOfAPendingPixVoidsIt() {
        var charge = client.post("/v1/charges", "k1", pix(4000)).body();

        var refund = client.post(
                "/v1/refunds", "r1", Map.of("charge", charge.get("id").asText()));

        assertThat(charge.get("status").asText()).isEqualTo("pending");
        assertThat(charge.get("pix_code").asText()).isNotBlank();
        assertThat(refund.body().get("status").asText()).isEqualTo("canceled");
        assertThat(client.post("/v1/charges/" + charge.get("id").asText() + "/confirm", null, Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void failOnceTokenFailsOnlyTheFirstTryOfAKey() {
        var first = client.post("/v1/charges", "k1", card(2500, "tok_fail_once"));
        var retry = client.post("/v1/charges", "k1", card(2500, "tok_fail_once"));

        assertThat(first.status()).isEqualTo(503);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(sandbox.receivedRequests())
                .extracting(ReceivedRequest::idempotencyKey, ReceivedRequest::status)
                .containsExactly(tuple("k1", 503), tuple("k1", 200));
    }

    @Test
    void faultsCanBeSwitchedOnAndOffAtRuntime() {
        client.post("/v1/sandbox/config", null, Map.of("failure_rate", 1.0));
        var failing = client.post("/v1/charges", "k1", card(2500, "tok_visa"));
        client.post("/v1/sandbox/config", null, Map.of("failure_rate", 0.0));
        var healthy = client.post("/v1/charges", "k1", card(2500, "tok_visa"));

        assertThat(failing.status()).isEqualTo(503);
        assertThat(healthy.status()).isEqualTo(200);
    }

    @Test
    void sandboxFailHeaderAnswersWithoutProcessing() {
        var limited = client.post("/v1/charges", "k1", card(2500, "tok_visa"), "Sandbox-Fail", "429");
        var after = client.post("/v1/charges", "k1", card(9900, "tok_visa"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(after.status()).as("nothing was stored under k1").isEqualTo(200);
    }
}
