package dev.comanda.api.identity;

import com.nimbusds.jose.JWSAlgorithm;
import dev.comanda.api.auth.Roles;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * A guest order's tracking token: {@code cmt_} and a JWT for one order of one tenant (its own audience, so it
 * is never an access token), valid {@code trackingTokenTtl}. Signed HS256 with the tracking key the signing
 * key ring derives from its current RSA key ({@link SigningKeyRing#trackingKeys()}, same kid): only this API
 * issues and checks these tokens, one per guest placement, and an HMAC costs a microsecond where an RSA
 * signature costs a millisecond. Tokens signed RS256 (by earlier builds, or with {@code
 * tracking-token-signature: RSA} while a rolling upgrade still has such instances) verify as well. Nothing is
 * stored: the placement answers a fresh one, a replay of the placement another.
 */
@Component
public class TrackingTokens {

    static final String PREFIX = "cmt_";
    private static final String AUDIENCE = "comanda-order-tracking";

    private final SigningKeyRing keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;

    TrackingTokens(SigningKeyRing keys, IdentityProperties properties, Clock clock, AccessTokens accessTokens) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        // The header names the key, by kid and algorithm; the same keys verify.
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(keys.trackingKeys()));
        this.decoder = accessTokens.decoderFor(
                new DelegatingOAuth2TokenValidator<Jwt>(
                        JwtValidators.createDefaultWithIssuer(properties.issuer()),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD, audience -> audience != null && audience.contains(AUDIENCE))),
                Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256),
                keys::trackingKeys);
    }

    /** A token that reads, follows and cancels order {@code orderId} of {@code tenantId}. */
    public String issue(String tenantId, String orderId) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(AUDIENCE))
                .subject(orderId)
                .issuedAt(now)
                .expiresAt(now.plus(properties.trackingTokenTtl()))
                .claim(AccessTokens.TENANT, tenantId)
                .claim(AccessTokens.ROLE, Roles.GUEST)
                .build();
        // The current signing key's kid: its RSA key (RS256) or the HMAC key derived from it (HS256).
        var header = JwsHeader.with(
                        properties.trackingTokenSignature() == TrackingTokenSignature.RSA
                                ? SignatureAlgorithm.RS256
                                : MacAlgorithm.HS256)
                .keyId(keys.signingKey().getKeyID())
                .build();
        return PREFIX
                + encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The order a token is for; throws {@link JwtException} when it is not a valid tracking token. */
    Jwt decode(String token) {
        return decoder.decode(token.substring(PREFIX.length()));
    }
}
