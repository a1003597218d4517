package dev.comanda.api.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.comanda.persistence.identity.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The RSA keys that sign and verify staff access tokens, as every instance shares them through MySQL
 * ({@link SigningKeys}, sealed by the payload codec's master key): the newest unretired key signs, every key
 * still stored verifies, so a rotation logs nobody out. Read again every {@code keyRefresh}, and at once
 * (rate-limited) for an unknown kid.
 *
 * <p>Each RSA key also gives a guest's tracking tokens their HMAC key ({@link #trackingKeys()}): HMAC-SHA256 under
 * the key's private exponent of {@code comanda-order-tracking:<kid>}, under the same kid. Only the API
 * issues and checks tracking tokens, one per guest placement, and an RSA signature costs a millisecond of CPU
 * where an HMAC costs a microsecond; derived, the HMAC key is as secret as the RSA key, rotates with it and
 * needs nothing stored. It is never published (the JWKS holds the RSA public halves only).
 */
@Component
public class SigningKeyRing {

    private static final int KEY_SIZE = 2048;
    private static final String TRACKING_LABEL = "comanda-order-tracking:";

    private record Ring(RSAKey signing, JWKSet all, JWKSet trackingAll, Instant readAt) {}

    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private volatile Ring ring;

    SigningKeyRing(SigningKeys keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs now. */
    RSAKey signingKey() {
        return current().signing();
    }

    /** Every key that verifies, private halves included: for the decoder only. */
    JWKSet verificationKeys() {
        return current().all();
    }

    /**
     * What signs and verifies a tracking token: every key's HMAC key, and the RSA keys (which signed the
     * tracking tokens of earlier builds, still valid for their 30 days), private halves included, each under
     * its kid. For the tracking tokens' encoder and decoder only.
     */
    JWKSet trackingKeys() {
        return current().trackingAll();
    }

    /** The public keys, as the JWKS endpoint answers them. */
    public JWKSet publicKeys() {
        return current().all().toPublicJWKSet();
    }

    /**
     * Reads the keys again if the last read is older than the minimum interval; true when it did. For a
     * token whose kid is unknown here: another instance may have rotated.
     */
    boolean refreshForUnknownKid() {
        var now = clock.instant();
        var last = ring;
        if (last != null
                && last.readAt().plus(properties.keyRefresh().dividedBy(6)).isAfter(now)) {
            return false;
        }
        ring = read();
        return true;
    }

    /** Adds a new signing key; the others verify until the access tokens they signed have expired. */
    public synchronized String rotate() {
        var key = generate();
        keys.rotateTo(key.getKeyID(), key.toJSONString());
        // A key retired longer ago than the longest token life signed no token still valid.
        var longest = properties.accessTokenTtl().multipliedBy(2);
        if (properties.trackingTokenTtl().compareTo(longest) > 0) {
            longest = properties.trackingTokenTtl();
        }
        keys.deleteRetiredBefore(clock.instant(), longest);
        ring = read();
        return key.getKeyID();
    }

    /**
     * Seals every key stored in clear, or under an older master key, by the newest master key; answers how
     * many. An operator's step once every instance runs a build that reads sealed keys (and, after a
     * master-key rotation, lists the new master key first): an instance of an earlier build could not read them.
     */
    public synchronized int seal() {
        var sealed = keys.sealAll();
        ring = read();
        return sealed;
    }

    private Ring current() {
        var last = ring;
        if (last == null || last.readAt().plus(properties.keyRefresh()).isBefore(clock.instant())) {
            last = read();
            ring = last;
        }
        return last;
    }

    private synchronized Ring read() {
        var stored = keys.all();
        if (stored.stream().noneMatch(key -> key.retiredAt() == null)) {
            // The first instance to start creates the first key; should two race, each key verifies.
            var key = generate();
            keys.rotateTo(key.getKeyID(), key.toJSONString());
            stored = keys.all();
        }
        var parsed = stored.stream().map(key -> parse(key.jwk())).toList();
        var signing = stored.stream()
                .filter(key -> key.retiredAt() == null)
                .findFirst()
                .map(key -> parse(key.jwk()))
                .orElseThrow();
        var tracking = new ArrayList<JWK>(parsed);
        parsed.forEach(key -> tracking.add(trackingKeyOf(key)));
        return new Ring(signing, new JWKSet(List.copyOf(parsed)), new JWKSet(tracking), clock.instant());
    }

    /** The tracking tokens' HMAC key of an RSA key (see the class comment). */
    private static OctetSequenceKey trackingKeyOf(RSAKey key) {
        if (key.getPrivateExponent() == null) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " has no private half");
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getPrivateExponent().decode(), "HmacSHA256"));
            var secret = mac.doFinal((TRACKING_LABEL + key.getKeyID()).getBytes(StandardCharsets.UTF_8));
            return new OctetSequenceKey.Builder(secret)
                    .keyID(key.getKeyID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.HS256)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not derive a tracking key", e);
        }
    }

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is not an RSA JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK could not make an RSA key", e);
        }
    }
}
