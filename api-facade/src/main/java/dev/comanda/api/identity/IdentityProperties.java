package dev.comanda.api.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff sign-in and its tokens (docs/identity.md); each value has an environment override
 * ({@code COMANDA_IDENTITY_*}, api-facade.yml).
 *
 * @param issuer the {@code iss} of access tokens, and the only one accepted
 * @param audience the {@code aud} of access tokens, and the only one accepted
 * @param accessTokenTtl how long an access token (JWT) is valid; a role change or a disabled account
 *     stops older tokens at once through Redis, and within this time should Redis be out of reach
 * @param refreshTokenTtl how long a refresh token is valid unused; each use issues the next
 * @param keyRefresh how long an instance keeps the signing keys it read before reading them again; an
 *     unknown {@code kid} reads them at once (at most once per this period)
 * @param trackingTokenTtl how long a guest order's tracking token is valid
 * @param maxFailuresPerAccount failed logins of one account within {@code failureWindow} before 429
 * @param maxFailuresPerSource failed logins from one address within {@code failureWindow} before 429
 * @param failureWindow how long failed logins are counted
 */
@ConfigurationProperties("comanda.identity")
public record IdentityProperties(
        @DefaultValue("comanda") String issuer,
        @DefaultValue("comanda-api") String audience,
        @DefaultValue("5m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30s") Duration keyRefresh,
        @DefaultValue("30d") Duration trackingTokenTtl,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerSource,
        @DefaultValue("15m") Duration failureWindow) {}
