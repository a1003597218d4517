package dev.comanda.api;

/**
 * Regular expressions of free text, for {@code @Pattern} on request fields. Written with plain ranges rather
 * than {@code \p{Cntrl}}: the OpenAPI document carries them as they are, and a client or a fuzzer reading it
 * (ECMA-262 or Python regular expressions) must understand them the way the API does.
 */
public final class Text {

    /** Any text without control characters or broken surrogate pairs, which no name or address holds. */
    public static final String LINE = "[^\\x00-\\x1F\\x7F\\uD800-\\uDFFF]*";

    /** {@link #LINE} and not blank: at least one character that {@link String#isBlank} does not skip. */
    public static final String NON_BLANK_LINE = LINE
            + "[^\\x00-\\x20\\x7F\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000\\uD800-\\uDFFF]"
            + LINE;

    /** Anything that is not blank (for {@code @NotBlank} fields that need no other pattern). */
    public static final String NON_BLANK =
            "[\\s\\S]*[^\\x09-\\x0D\\x1C-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000][\\s\\S]*";

    /**
     * A name that can stand as one segment of a URL path (a table's): {@link #LINE} without what Spring Security's
     * firewall refuses in a path ({@code % / \\ ;}, U+2028 and U+2029) and not only dots ({@code .} and {@code ..}
     * are no segment of their own), so every value the document allows reaches the controller.
     */
    public static final String PATH_SEGMENT = "[^\\x00-\\x1F\\x7F%/\\\\;\\u2028\\u2029\\uD800-\\uDFFF]*"
            + "[^\\x00-\\x1F\\x7F%/\\\\;.\\u2028\\u2029\\uD800-\\uDFFF]"
            + "[^\\x00-\\x1F\\x7F%/\\\\;\\u2028\\u2029\\uD800-\\uDFFF]*";

    public static final String LINE_MESSAGE = "may not hold control characters or broken Unicode";

    private Text() {}
}
