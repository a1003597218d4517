package dev.comanda.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A label whose values come from configuration rather than an enum (marketplace channel names): the
 * first {@code max} distinct well-formed values are kept, anything after them or malformed becomes
 * {@value #OTHER}. A tenant adding marketplaces can thus never grow the number of series without bound.
 */
final class BoundedLabel {

    static final String OTHER = "other";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    BoundedLabel(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            return OTHER;
        }
        if (kept.contains(value)) {
            return value;
        }
        // Two threads may both pass the size check and overshoot by one or two: still bounded.
        if (kept.size() >= max) {
            return OTHER;
        }
        kept.add(value);
        return value;
    }
}
