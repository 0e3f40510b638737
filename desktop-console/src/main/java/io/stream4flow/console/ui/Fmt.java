package io.stream4flow.console.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes numbers and times: nfdump's scaled counts (1.2 M), UTC times to the second. */
public final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Fmt() { }

    /** {@code 999}, {@code 1.2 k}, {@code 3.4 M}, {@code 5.6 G}, as nfdump scales. */
    public static String scaled(double v) {
        double a = Math.abs(v);
        if (a < 1000) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }
        String[] units = {" k", " M", " G", " T", " P"};
        int u = -1;
        while (a >= 1000 && u < units.length - 1) {
            a /= 1000;
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f", v) + units[u];
    }

    public static String time(Instant t) {
        return t == null || t.equals(Instant.EPOCH) ? "-" : TIME.format(t);
    }

    public static String clock(Instant t) {
        return CLOCK.format(t);
    }

    /** An ISO 8601 text as {@link #time}, or the text itself when it does not parse. */
    public static String time(String iso) {
        try {
            return time(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso == null || iso.isEmpty() ? "-" : iso;
        }
    }
}
