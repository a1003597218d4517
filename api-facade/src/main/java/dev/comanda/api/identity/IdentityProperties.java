package dev.comanda.api.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and its tokens, staff's and customers' (docs/identity.md); each value has an environment
 * override ({@code COMANDA_IDENTITY_*}, api-facade.yml).
 *
 * @param issuer the {@code iss} of access tokens, and the only one accepted
 * @param audience the {@code aud} of access tokens, and the only one accepted
 * @param accessTokenTtl how long an access token (JWT) is valid; a role change or a disabled account
 *     stops older tokens at once through Redis, and within this time should Redis be out of reach
 * @param refreshTokenTtl how long a refresh token is valid unused; each use issues the next
 * @param keyRefresh how long an instance keeps the signing keys it read before reading them again; an
 *     unknown {@code kid} reads them at once (at most once per this period)
 * @param trackingTokenTtl how long a guest order's tracking token is valid
 * @param trackingTokenSignature how tracking tokens are signed: {@code MAC} (HS256, the default), or {@code
 *     RSA} (RS256) while a rolling upgrade from a build that verifies only RS256 is under way; both verify
 * @param maxFailuresPerAccount failed logins of one account within {@code failureWindow} before 429
 * @param maxFailuresPerSource failed logins from one address within {@code failureWindow} before 429
 * @param failureWindow how long failed logins are counted, and codes requested
 * @param customerTokenTtl how long a signed-in customer's access token is valid (no refresh token: the
 *     customer signs in again with a new code); signing out stops it at once through Redis
 * @param signInCodeTtl how long a customer's e-mailed sign-in code is valid
 * @param invitationTtl how long a staff invitation's code is valid
 * @param passwordResetTtl how long a password reset's code is valid
 * @param maxCodeTries tries of one code, right or wrong, before it stops working (429)
 * @param maxCodesPerAddress codes sent to one address of a tenant within {@code failureWindow} before a
 *     request answers 429 (it says nothing of the address: every address is counted alike)
 * @param maxCodesPerSource codes requested from one network address within {@code failureWindow} before 429
 */
@ConfigurationProperties("comanda.identity")
public record IdentityProperties(
        @DefaultValue("comanda") String issuer,
        @DefaultValue("comanda-api") String audience,
        @DefaultValue("5m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30s") Duration keyRefresh,
        @DefaultValue("30d") Duration trackingTokenTtl,
        @DefaultValue("MAC") TrackingTokenSignature trackingTokenSignature,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerSource,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("1h") Duration customerTokenTtl,
        @DefaultValue("10m") Duration signInCodeTtl,
        @DefaultValue("72h") Duration invitationTtl,
        @DefaultValue("30m") Duration passwordResetTtl,
        @DefaultValue("5") int maxCodeTries,
        @DefaultValue("5") int maxCodesPerAddress,
        @DefaultValue("20") int maxCodesPerSource) {}
