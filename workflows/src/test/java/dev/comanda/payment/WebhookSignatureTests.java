package dev.comanda.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"type\":\"charge.succeeded\",\"data\":{\"id\":\"ch_1\"}}";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signedBodyVerifies() {
        var header = WebhookSignature.sign(BODY, SECRET, NOW);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, NOW.plusSeconds(30)))
                .isTrue();
    }

    @Test
    void tamperedBodyIsRejected() {
        var header = WebhookSignature.sign(BODY, SECRET, NOW);

        assertThat(WebhookSignature.verify(header, BODY.replace("ch_1", "ch_2"), SECRET, TOLERANCE, NOW))
                .isFalse();
    }

    @Test
    void wrongSecretIsRejected() {
        var header = WebhookSignature.sign(BODY, "whsec_other", NOW);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
    }

    @Test
    void signatureOlderThanTheToleranceIsRejected() {
        var header = WebhookSignature.sign(BODY, SECRET, NOW.minus(TOLERANCE).minusSeconds(1));

        assertThat(WebhookSignature.verify(header, BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
    }

    @Test
    void replayedTimestampWithAnotherSignatureIsRejected() {
        var header = WebhookSignature.sign(BODY, SECRET, NOW);
        var forged = header.replaceFirst("t=\\d+", "t=" + NOW.plusSeconds(60).getEpochSecond());

        assertThat(WebhookSignature.verify(forged, BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
    }

    @Test
    void malformedOrMissingHeaderIsRejected() {
        assertThat(WebhookSignature.verify(null, BODY, SECRET, TOLERANCE, NOW)).isFalse();
        assertThat(WebhookSignature.verify("garbage", BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
        assertThat(WebhookSignature.verify("t=abc,v1=00", BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
        assertThat(WebhookSignature.verify("t=" + NOW.getEpochSecond(), BODY, SECRET, TOLERANCE, NOW))
                .isFalse();
    }

    @Test
    void anyOfSeveralSignaturesMayMatchSoSecretsCanRotate() {
        var header = WebhookSignature.sign(BODY, SECRET, NOW);
        var rotated =
                header + ",v1=" + WebhookSignature.sign(BODY, "whsec_new", NOW).split("v1=")[1];

        assertThat(WebhookSignature.verify(rotated, BODY, "whsec_new", TOLERANCE, NOW))
                .isTrue();
        assertThat(WebhookSignature.verify(rotated, BODY, SECRET, TOLERANCE, NOW))
                .isTrue();
    }
}
