package dev.comanda.client;

/**
 * The {@code type} URIs of the API's problem+json answers, to compare with {@link ProblemException#type()}
 * or pass to {@link ProblemException#is(String)}. Their meanings: docs/problems.md.
 */
public final class ProblemTypes {

    public static final String BASE = "https://comanda.dev/problems/";

    public static final String MALFORMED_REQUEST = BASE + "malformed-request";
    public static final String UNAUTHENTICATED = BASE + "unauthenticated";
    public static final String FORBIDDEN = BASE + "forbidden";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String METHOD_NOT_ALLOWED = BASE + "method-not-allowed";
    public static final String NOT_ACCEPTABLE = BASE + "not-acceptable";
    public static final String CONFLICT = BASE + "conflict";
    public static final String ILLEGAL_TRANSITION = BASE + "illegal-transition";
    public static final String SYNC_CURSOR_EXPIRED = BASE + "sync-cursor-expired";
    public static final String PAYLOAD_TOO_LARGE = BASE + "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "unsupported-media-type";
    public static final String VALIDATION = BASE + "validation";
    public static final String OUT_OF_STOCK = BASE + "out-of-stock";
    public static final String RATE_LIMITED = BASE + "rate-limited";
    public static final String OVERLOADED = BASE + "overloaded";
    public static final String UNAVAILABLE = BASE + "unavailable";
    public static final String INTERNAL = BASE + "internal";

    private ProblemTypes() {}
}
