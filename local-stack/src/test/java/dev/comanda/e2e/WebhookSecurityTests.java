package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.RawResponse;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.sandbox.SandboxConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payment provider's webhook accepts only what the provider signed, only recently, and only once:
 * unsigned, wrongly signed, stale and replayed calls are refused with 401 problem+json.
 */
@EndToEnd
class WebhookSecurityTests {

    private static final String PATH = "/api/v1/payments/webhook";
    /** The API's default tolerance is five minutes; a capture older than that is a replay. */
    private static final Duration OLDER_THAN_TOLERANCE = Duration.ofMinutes(6);

    private static ComandaClient api;
    private static TestTenant tenant;

    @BeforeAll
    static void onboard(E2eStack stack) {
        api = stack.api();
        tenant = stack.newTenant("webhook");
    }

    @Test
    void unsignedCallIsUnauthorized() {
        assertRefused(deliver(event("ch_unsigned"), null));
    }

    @Test
    void callSignedWithAnotherSecretIsUnauthorized() {
        var body = event("ch_other_secret");

        assertRefused(deliver(body, WebhookSignature.sign(body, "whsec_guessed", Instant.now())));
    }

    @Test
    void bodyChangedAfterSigningIsUnauthorized() {
        var signed = event("ch_tampered");
        var signature = sign(signed, Instant.now());

        assertRefused(deliver(signed.replace("ch_tampered", "ch_swapped"), signature));
    }

    @Test
    void staleCaptureReplayedLaterIsUnauthorized() {
        var body = event("ch_stale");

        assertRefused(deliver(body, sign(body, Instant.now().minus(OLDER_THAN_TOLERANCE))));
    }

    @Test
    void sameSignedCallDeliveredTwiceIsAcceptedOnceThenRefusedAsAReplay() {
        var body = event("ch_replayed");
        var signature = sign(body, Instant.now());

        var first = deliver(body, signature);
        var replay = deliver(body, signature);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertRefused(replay);
        assertThat(replay.json().get("detail").asString()).contains("replay");
    }

    @Test
    void freshlySignedRedeliveryOfTheSameEventIsAccepted() {
        var body = event("ch_redelivered");

        var first = deliver(body, sign(body, Instant.now()));
        var redelivery = deliver(body, sign(body, Instant.now().plusSeconds(1)));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(redelivery.status()).as(redelivery.toString()).isEqualTo(200);
    }

    /** A genuine-looking event about a charge Comanda never made: acknowledged and ignored when signed. */
    private static String event(String chargeId) {
        return "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"" + chargeId + "\",\"amount\":100,"
                + "\"metadata\":{\"order_id\":\"" + "0".repeat(32) + "\",\"tenant_id\":\"" + tenant.id() + "\"}}}";
    }

    private static String sign(String body, Instant at) {
        return WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, at);
    }

    private static RawResponse deliver(String body, String signature) {
        var headers = new LinkedHashMap<String, String>(Map.of("Content-Type", "application/json"));
        if (signature != null) {
            headers.put(WebhookSignature.HEADER, signature);
        }
        return api.raw().send("POST", PATH, headers, body);
    }

    private static void assertRefused(RawResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
