package io.stream4flow.cli.query;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range of a query, {@code from} inclusive to {@code to} inclusive, in UTC instants.
 *
 * <p>The text forms ({@link #of}): a duration is a whole number and a unit, {@code s m h d w} ({@code 30m},
 * {@code 1h}, {@code 2d}); a point in time is ISO 8601 ({@code 2026-03-04T05:06:07Z}, with an offset
 * {@code +01:00}, without one: UTC, a bare date {@code 2026-03-04}: its midnight UTC), {@code now}, or relative
 * to now ({@code now-2h}, {@code now-30m}). Bad text is an {@link IllegalArgumentException} whose message is
 * one line naming the option. Stateless; thread-safe.
 */
public record TimeRange(Instant from, Instant to) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhdw])");
    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9}[smhdw]))?");

    /** The default range: the last hour. */
    public static final Duration DEFAULT_SINCE = Duration.ofHours(1);

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range is empty: --from " + from + " is not before --to " + to);
        }
    }

    /**
     * The range the options name: {@code --since} is {@code to} minus a duration; {@code --from} and
     * {@code --to} are points in time. {@code --since} and {@code --from} together are refused; {@code --to}
     * alone ends the range there ({@code --since}, default 1h, before it); nothing: the last hour.
     *
     * @param since null, or a duration
     * @param from null, or a point in time
     * @param to null (now), or a point in time
     * @param now what {@code now} means
     */
    public static TimeRange of(String since, String from, String to, Instant now) {
        if (since != null && from != null) {
            throw new IllegalArgumentException("--since and --from: give one of them");
        }
        Instant end = to == null ? now : instant("--to", to, now);
        Instant start = from != null ? instant("--from", from, now)
                : end.minus(since == null ? DEFAULT_SINCE : duration("--since", since));
        return new TimeRange(start, end);
    }

    /** A duration such as {@code 30m}, {@code 1h}, {@code 2d}, {@code 1w}. */
    public static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(option + ": '" + text
                    + "' is not a duration (a positive number and s, m, h, d or w: 30m, 1h, 2d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** A point in time: ISO 8601, {@code now}, or {@code now-DURATION} / {@code now+DURATION}. */
    public static Instant instant(String option, String text, Instant now) {
        String t = text.strip();
        Matcher rel = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (rel.matches()) {
            if (rel.group(1) == null) {
                return now;
            }
            Duration d = duration(option, rel.group(2));
            return rel.group(1).equals("-") ? now.minus(d) : now.plus(d);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            // not with an offset; try without
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // not a date-time; try a date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": '" + text
                    + "' is not a time (ISO 8601 such as 2026-03-04T05:06:07Z, a date, now, or now-2h)");
        }
    }
}
