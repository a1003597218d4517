package dev.comanda.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.comanda.persistence.identity.SigningKeys;
import java.util.function.UnaryOperator;

/** JWTs made by hand, to check that the API refuses what it did not issue and accepts what it did. */
final class ForgedJwts {

    private ForgedJwts() {}

    /** The running API's signing key {@code kid}, private half included, as its ring reads it. */
    static RSAKey signingKey(RunningApi api, String kid) throws Exception {
        var stored = api.bean(SigningKeys.class).all().stream()
                .filter(key -> key.kid().equals(kid))
                .findFirst()
                .orElseThrow();
        return RSAKey.parse(stored.jwk());
    }

    /** {@code claims} with {@code change} made. */
    static JWTClaimsSet with(JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(claims)).build();
    }

    /** {@code claims} signed RS256 with {@code key}, its kid in the header. */
    static String signRs256(RSAKey key, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The genuine header and signature on other claims. */
    static String tampered(SignedJWT genuine, JWTClaimsSet claims) {
        var parts = genuine.serialize().split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }
}
