package dev.comanda.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Comanda-Signature} header of webhooks, Stripe's scheme: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.body">}. Signing the timestamp with the body lets a receiver refuse replays of an
 * old, captured request. Used to verify the payment provider's webhooks and to sign Comanda's own
 * webhooks to restaurants and marketplaces.
 */
public final class WebhookSignature {

    public static final String HEADER = "Comanda-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value for {@code body} signed with {@code secret} at {@code at}. */
    public static String sign(String body, String secret, Instant at) {
        var timestamp = at.getEpochSecond();
        return "t=" + timestamp + ",v1=" + hmac(timestamp + "." + body, secret);
    }

    /**
     * Whether {@code header} signs exactly {@code body} with {@code secret} at a time no further than
     * {@code tolerance} from {@code now}. Any malformed header is simply not valid. Several {@code v1}
     * values are accepted (one may match), so a secret can be rotated by signing with both.
     */
    public static boolean verify(String header, String body, String secret, Duration tolerance, Instant now) {
        if (header == null || body == null || secret == null || secret.isEmpty()) {
            return false;
        }
        Long timestamp = null;
        var signatures = new java.util.ArrayList<String>();
        for (var part : header.split(",")) {
            var pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            switch (pair[0]) {
                case "t" -> timestamp = parseLong(pair[1]);
                case "v1" -> signatures.add(pair[1]);
                default -> {
                    // Other schemes (v0, future ones) are ignored, as Stripe's clients do.
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        var expected = hmac(timestamp + "." + body, secret).getBytes(StandardCharsets.US_ASCII);
        // Constant-time comparison: the time taken says nothing about how much of a guess was right.
        return signatures.stream()
                .anyMatch(given -> MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@link #verify(String, String, String, Duration, Instant)} against the current time. */
    public static boolean verify(String header, String body, String secret, Duration tolerance) {
        return verify(header, body, secret, tolerance, Instant.now());
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hmac(String payload, String secret) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }
}
