package dev.comanda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.comanda.api.identity.TrackingTokens;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A guest order's tracking token on a real API and MariaDB: HS256 under the key the signing key ring derives
 * for it, RS256 tokens of earlier builds still read their order, and forged ones are refused. The orders
 * here were never placed (no Temporal runs): an accepted token lists its order's tenant's orders as the
 * guest sees them, that order alone, so 200 with none; a refused one answers 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuestTrackingTokensTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RunningApi api;
    private String tenant;

    @BeforeAll
    void start() throws Exception {
        api = RunningApi.withoutTemporal(Map.of());
        tenant = "tracking-" + Long.toHexString(System.nanoTime());
        api.onboard(tenant);
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aTrackingTokenIsSignedHs256UnderTheSigningKeysKidAndReadsItsOrder() throws Exception {
        var orderId = orderId();
        var token = issue(api, orderId);

        var header = SignedJWT.parse(jwt(token)).getHeader();

        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(publishedKids()).contains(header.getKeyID());
        var listed = list(token);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        var page = RunningApi.json(listed);
        assertThat(page.path("items").isArray()).as(listed.body()).isTrue();
        assertThat(page.path("items").isEmpty()).as(listed.body()).isTrue();
        assertThat(page.path("total").asLong(-1)).as(listed.body()).isZero();
    }

    @Test
    void aTrackingTokenAnEarlierBuildSignedRs256StillReadsItsOrder() throws Exception {
        var orderId = orderId();
        var genuine = SignedJWT.parse(jwt(issue(api, orderId)));
        var rsa = ForgedJwts.signingKey(api, genuine.getHeader().getKeyID());

        // What an earlier build answered: the same claims, signed RS256 with the signing key.
        var earlier = "cmt_" + ForgedJwts.signRs256(rsa, genuine.getJWTClaimsSet());

        assertThat(list(earlier).statusCode()).isEqualTo(200);
    }

    @Test
    void trackingTokensForgedEveryWayAreRefused() throws Exception {
        var orderId = orderId();
        var genuine = SignedJWT.parse(jwt(issue(api, orderId)));
        var claims = genuine.getJWTClaimsSet();
        var kid = genuine.getHeader().getKeyID();
        var rsa = ForgedJwts.signingKey(api, kid);
        var random = new byte[32];
        new SecureRandom().nextBytes(random);

        var forged = Map.of(
                "alg none", new PlainJWT(claims).serialize(),
                // The RSA key's public half as the HMAC secret: the classic key confusion.
                "HS256 keyed with the public key",
                        signHs256(rsa.toPublicJWK().toJSONString().getBytes(), kid, claims),
                "HS256 keyed with the modulus", signHs256(rsa.getModulus().decode(), kid, claims),
                "HS256 under the kid, another secret", signHs256(random, kid, claims),
                "HS256 under an unknown kid", signHs256(random, "stranger", claims),
                "payload changed", ForgedJwts.tampered(genuine, ForgedJwts.with(claims, c -> c.subject(orderId()))),
                "an access token's audience",
                        ForgedJwts.signRs256(rsa, ForgedJwts.with(claims, c -> c.audience("comanda-api"))));

        forged.forEach((how, token) -> {
            try {
                var answer = list("cmt_" + token);
                assertThat(answer.statusCode()).as(how).isEqualTo(401);
            } catch (Exception e) {
                throw new AssertionError(how, e);
            }
        });
    }

    @Test
    void theKeysJwksPublishesAreRsaPublicHalvesOnly() throws Exception {
        issue(api, orderId());

        var jwks = RunningApi.json(api.send("GET", "/api/v1/auth/jwks", null, null, TIMEOUT));

        assertThat(jwks.path("keys").valueStream().map(key -> key.path("kty").asString()))
                .isNotEmpty()
                .containsOnly("RSA");
        assertThat(jwks.path("keys").valueStream().noneMatch(key -> key.has("d") || key.has("k")))
                .isTrue();
    }

    @Test
    void aTrackingTokenIssuedBeforeAKeyRotationStillReadsItsOrder() throws Exception {
        var orderId = orderId();
        var before = issue(api, orderId);

        var rotated = api.send("POST", "/api/v1/ops/signing-keys/rotate", null, null, TIMEOUT);

        assertThat(rotated.statusCode()).isEqualTo(200);
        var after = issue(api, orderId);
        assertThat(SignedJWT.parse(jwt(after)).getHeader().getKeyID())
                .isEqualTo(RunningApi.json(rotated).path("kid").asString())
                .isNotEqualTo(SignedJWT.parse(jwt(before)).getHeader().getKeyID());
        assertThat(list(before).statusCode()).isEqualTo(200);
        assertThat(list(after).statusCode()).isEqualTo(200);
    }

    /** During a rolling upgrade from a build that verifies RS256 only, tokens can be signed as it signed them. */
    @Test
    void withRsaSignatureChosenTrackingTokensAreSignedRs256() throws Exception {
        try (var upgrading = RunningApi.withoutTemporal(Map.of("comanda.identity.tracking-token-signature", "RSA"))) {
            var orderId = orderId();
            var token = issue(upgrading, orderId);

            assertThat(SignedJWT.parse(jwt(token)).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            var answer = upgrading.send("GET", "/api/v1/orders", token, null, TIMEOUT);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    private String issue(RunningApi on, String orderId) {
        return on.bean(TrackingTokens.class).issue(tenant, orderId);
    }

    private HttpResponse<String> list(String token) throws Exception {
        return api.send("GET", "/api/v1/orders", token, null, TIMEOUT);
    }

    private static String orderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String jwt(String trackingToken) {
        assertThat(trackingToken).startsWith("cmt_");
        return trackingToken.substring("cmt_".length());
    }

    private java.util.List<String> publishedKids() throws Exception {
        var jwks = RunningApi.json(api.send("GET", "/api/v1/auth/jwks", null, null, TIMEOUT));
        return jwks.path("keys")
                .valueStream()
                .map(key -> key.path("kid").asString())
                .toList();
    }

    private static String signHs256(byte[] secret, String kid, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32)));
        return jwt.serialize();
    }
}
