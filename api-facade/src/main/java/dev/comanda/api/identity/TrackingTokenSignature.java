package dev.comanda.api.identity;

/** How a guest order's tracking token is signed ({@code comanda.identity.tracking-token-signature}). */
public enum TrackingTokenSignature {
    /** HS256 under the HMAC key derived from the current signing key: the default. */
    MAC,
    /**
     * RS256 under the current signing key, as builds before {@link #MAC} signed them: only while a rolling
     * upgrade still runs instances of such a build, which verify RS256 alone.
     */
    RSA
}
