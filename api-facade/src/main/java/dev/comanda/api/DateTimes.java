package dev.comanda.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A date-time as the document's {@code format: date-time} has it, RFC 3339's {@code date-time}: a date, a
 * {@code T}, a time with optional fraction and an offset ({@code Z} or {@code ±hh:mm}, any hour up to 23). The
 * one reading of every date-time a request carries, in a body ({@link DateTimesAsText}) or a query
 * ({@code ?created_from=}): Java's parsers refuse offsets past ±18:00 that the RFC allows, and Spring
 * reads digits alone ({@code ?created_to=0}) as epoch milliseconds, which no document states.
 */
@Configuration(proxyBeanMethods = false)
public class DateTimes implements WebMvcConfigurer {

    private static final Pattern RFC_3339 =
            Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]+))?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))");

    /** The query parameters' reading; a failure is a 400 naming the parameter (ApiExceptionHandler). */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, DateTimes::parse);
    }

    /**
     * The instant {@code text} names.
     *
     * @throws IllegalArgumentException when it is no RFC 3339 date-time
     */
    public static Instant parse(String text) {
        var parts = RFC_3339.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not an RFC 3339 date-time (2026-01-31T12:00:00Z): " + text);
        }
        int second = number(parts.group(6));
        var sign = "-".equals(parts.group(8)) ? -1 : 1;
        int offsetHours = parts.group(8) == null ? 0 : number(parts.group(9));
        int offsetMinutes = parts.group(8) == null ? 0 : number(parts.group(10));
        if (offsetHours > 23 || offsetMinutes > 59 || second > 60) {
            throw new IllegalArgumentException("the offset or second is out of range: " + text);
        }
        var fraction = parts.group(7) == null ? "" : parts.group(7);
        var nanos = fraction.isEmpty() ? 0 : number((fraction + "00000000").substring(0, 9));
        try {
            var local = LocalDateTime.of(
                    number(parts.group(1)),
                    number(parts.group(2)),
                    number(parts.group(3)),
                    number(parts.group(4)),
                    number(parts.group(5)),
                    Math.min(second, 59),
                    nanos);
            var instant =
                    local.toInstant(ZoneOffset.UTC).minusSeconds(sign * (offsetHours * 3600L + offsetMinutes * 60L));
            if (second == 60) {
                // A leap second ends a UTC day: 23:59:60Z is read as the next day's first instant.
                var utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                if (utc.getHour() != 23 || utc.getMinute() != 59) {
                    throw new IllegalArgumentException("a leap second ends a UTC day (23:59:60Z): " + text);
                }
                instant = instant.plusSeconds(1);
            }
            return instant;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such date or time: " + text, e);
        }
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }
}
