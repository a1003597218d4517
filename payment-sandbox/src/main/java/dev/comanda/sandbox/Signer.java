package dev.comanda.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way Comanda's {@code WebhookSignature} verifies them:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. The sandbox stands in for an outside
 * provider and depends on nothing of Comanda, so these few lines are the wire contract written on the
 * provider's side; the activities' tests check both sides against each other.
 */
final class Signer {

    static final String HEADER = "Comanda-Signature";

    private Signer() {}

    static String header(long unixSeconds, String body, String secret) {
        return "t=" + unixSeconds + ",v1=" + hmac(unixSeconds + "." + body, secret);
    }

    private static String hmac(String payload, String secret) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
