package dev.comanda.sandbox;

import static dev.comanda.sandbox.SandboxClient.pix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PixWebhookTests {

    private static final String SECRET = "whsec_test";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final PaymentSandbox sandbox = new PaymentSandbox();
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.close();
    }

    @Test
    void confirmingByHandSendsOneSignedChargeSucceededEvent() throws Exception {
        var client = start(0, -1);
        var charge = client.post("/v1/charges", "k1", pix(4000)).body();
        var id = charge.get("id").asText();

        var confirmed = client.post("/v1/charges/" + id + "/confirm", null, Map.of());
        client.post("/v1/charges/" + id + "/confirm", null, Map.of());

        assertThat(confirmed.body().get("status").asText()).isEqualTo("succeeded");
        await().atMost(WAIT).until(() -> !receiver.deliveries().isEmpty());
        var delivery = receiver.deliveries().getFirst();
        var event = new ObjectMapper().readTree(delivery.body());
        assertThat(event.get("type").asText()).isEqualTo("charge.succeeded");
        assertThat(event.at("/data/id").asText()).isEqualTo(id);
        assertThat(event.at("/data/metadata/order_id").asText()).isEqualTo("o2");
        assertThat(signatureMatches(delivery)).isTrue();
        assertThat(receiver.deliveries()).as("a second confirm sends nothing").hasSize(1);
    }

    @Test
    void pendingPixIsPaidOnItsOwnAfterTheConfiguredDelay() {
        var client = start(0, 10);

        var id = client.post("/v1/charges", "k1", pix(4000)).body().get("id").asText();

        await().atMost(WAIT).until(() -> !receiver.deliveries().isEmpty());
        assertThat(client.get("/v1/charges/" + id).body().get("status").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void failedDeliveryIsRetried() {
        var client = start(2, 0);

        client.post("/v1/charges", "k1", pix(4000));

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 3);
        assertThat(receiver.deliveries()).allMatch(PixWebhookTests::signatureMatches);
    }

    private SandboxClient start(int receiverFailures, long confirmDelayMillis) {
        receiver = new WebhookReceiver(receiverFailures);
        var config = SandboxConfig.forTests()
                .withWebhook(receiver.url(), SECRET)
                .with(Map.of("pix_confirm_delay_ms", confirmDelayMillis));
        sandbox.start(config);
        return new SandboxClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_SECRET_KEY);
    }

    /** Checks the header with an HMAC computed here, independently of the sandbox's signer. */
    private static boolean signatureMatches(WebhookReceiver.Delivery delivery) {
        var parts = delivery.signature().split(",");
        var timestamp = parts[0].substring("t=".length());
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var expected = HexFormat.of()
                    .formatHex(mac.doFinal((timestamp + '.' + delivery.body()).getBytes(StandardCharsets.UTF_8)));
            return parts[1].equals("v1=" + expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
