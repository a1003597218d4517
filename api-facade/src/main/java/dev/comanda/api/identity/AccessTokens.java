package dev.comanda.api.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.comanda.persistence.identity.CustomerAccounts.CustomerAccount;
import dev.comanda.persistence.identity.StaffAccounts.StaffAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Access tokens: short-lived JWTs signed RS256 with the ring's current key (its {@code kid} in the
 * header), and the decoder the resource server checks them with: signature by {@code kid} among every
 * stored key (RS256 only, so {@code alg: none} and HMAC tricks fail), issuer, audience, expiry. A staff
 * member's carries the account's role; a signed-in customer's the role {@value #CUSTOMER_ROLE}, which no
 * staff account has, and its subject is the customer account's ID.
 */
@Component
public class AccessTokens {

    static final String TENANT = "tenant";
    static final String ROLE = "role";
    static final String SESSION = "sid";
    /** The account's version ({@code changed_at} in ms) when the token was issued; older ones may be denied. */
    static final String VERSION = "ver";

    static final String NAME = "name";

    /** The {@code role} of a customer's access token; never a staff role. */
    static final String CUSTOMER_ROLE = "CUSTOMER";

    private final SigningKeyRing keys;
    private final IdentityProperties properties;
    private final Clock clock;
    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;

    AccessTokens(SigningKeyRing keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingKey())));
        this.decoder = decoder(keys, properties);
    }

    /** A signed access token for the account's session {@code familyId}. */
    String issue(StaffAccount account, String familyId) {
        var now = clock.instant();
        var signing = keys.signingKey();
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(Long.toString(account.id()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim(TENANT, account.tenantId())
                .claim(ROLE, account.role().name())
                .claim(NAME, account.name())
                .claim(SESSION, familyId)
                .claim(VERSION, account.changedAt().toEpochMilli())
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(signing.getKeyID())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** A signed access token for a customer's sign-in {@code sessionId}, valid {@code customerTokenTtl}. */
    String issueCustomer(CustomerAccount account, String sessionId) {
        var now = clock.instant();
        var signing = keys.signingKey();
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(Long.toString(account.id()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.customerTokenTtl()))
                .claim(TENANT, account.tenantId())
                .claim(ROLE, CUSTOMER_ROLE)
                .claim(NAME, account.email())
                .claim(SESSION, sessionId)
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(signing.getKeyID())
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    JwtDecoder decoder() {
        return decoder;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * A decoder on keys of the same ring, by kid, with other claim checks and algorithms: a tracking token's
     * (HS256 on the ring's {@link SigningKeyRing#trackingKeys() tracking keys}, and RS256).
     */
    NimbusJwtDecoder decoderFor(
            org.springframework.security.oauth2.core.OAuth2TokenValidator<Jwt> validator,
            Set<JWSAlgorithm> algorithms,
            Supplier<JWKSet> verificationKeys) {
        var other = new NimbusJwtDecoder(processor(keys, algorithms, verificationKeys));
        other.setJwtValidator(validator);
        return other;
    }

    /**
     * Verifies a JWT's signature with a key of {@code verificationKeys} by kid, under one of {@code algorithms}
     * only (a key's type must match its algorithm's: an RSA key never checks an HMAC); an unknown kid reads the
     * ring again, rate-limited, since another instance may have rotated.
     */
    private static DefaultJWTProcessor<SecurityContext> processor(
            SigningKeyRing keys, Set<JWSAlgorithm> algorithms, Supplier<JWKSet> verificationKeys) {
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(verificationKeys.get());
            if (found.isEmpty() && keys.refreshForUnknownKid()) {
                found = selector.select(verificationKeys.get());
            }
            return found;
        };
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source));
        // Spring's validators check the claims; Nimbus's own check would duplicate the expiry test.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        return processor;
    }

    private static NimbusJwtDecoder decoder(SigningKeyRing keys, IdentityProperties properties) {
        var decoder = new NimbusJwtDecoder(processor(keys, Set.of(JWSAlgorithm.RS256), keys::verificationKeys));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<Jwt>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, audience -> audience != null && audience.contains(properties.audience())),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null)));
        return decoder;
    }
}
