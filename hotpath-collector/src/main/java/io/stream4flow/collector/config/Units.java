package io.stream4flow.collector.config;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations as written in the configuration file.
 *
 * <ul>
 *   <li>Size: a whole number of bytes, or a number with a binary unit: {@code 512}, {@code 64KiB},
 *       {@code 16MiB}, {@code 1GiB}, {@code 1TiB} ({@code B} is accepted too). Decimal units (KB,
 *       MB) are refused: they are ambiguous.
 *   <li>Duration: a number of seconds ({@code 60}, {@code 0.5}), or a whole number with a unit:
 *       {@code 5ms}, {@code 60s}, {@code 30m}, {@code 1h}.
 * </ul>
 * Failures are {@link IllegalArgumentException}s whose message completes "KEY: ..." (the caller
 * adds the key).
 */
final class Units {
    private static final Pattern SIZE = Pattern.compile("([0-9]+) ?(B|KiB|MiB|GiB|TiB)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+) ?(ms|s|m|h)?");
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private Units() { }

    /** Bytes, {@code >= 0}. */
    static long bytes(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return nonNegative(((Number) value).longValue(), value);
        }
        if (value instanceof BigInteger) {
            throw new IllegalArgumentException(value + " is too large");
        }
        if (value instanceof String s) {
            Matcher m = SIZE.matcher(s.strip());
            if (m.matches()) {
                try {
                    return Math.multiplyExact(Long.parseLong(m.group(1)), unitBytes(m.group(2)));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException(Value.show(value) + " is too large");
                }
            }
        }
        throw new IllegalArgumentException(Value.show(value)
                + " is not a size (bytes, or a number with KiB, MiB, GiB, TiB)");
    }

    /** Milliseconds, {@code >= 0}. */
    static long millis(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long s = nonNegative(((Number) value).longValue(), value);
            if (s > Long.MAX_VALUE / 1000) {
                throw new IllegalArgumentException(value + " is too large");
            }
            return s * 1000;
        }
        if (value instanceof Double d) {
            if (!(d >= 0) || d > 1e15) {
                throw new IllegalArgumentException(value + " is not a duration (seconds, or a number with ms, s, m, h)");
            }
            return Math.round(d * 1000);
        }
        if (value instanceof String s) {
            String t = s.strip();
            Matcher m = DURATION.matcher(t);
            if (m.matches()) {
                try {
                    return Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis(m.group(2)));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException(Value.show(value) + " is too large");
                }
            }
            if (SECONDS.matcher(t).matches()) {
                return millis(Double.valueOf(t));
            }
        }
        throw new IllegalArgumentException(Value.show(value)
                + " is not a duration (seconds, or a number with ms, s, m, h)");
    }

    /** {@code bytes} in the largest binary unit that divides it exactly: {@code 16MiB}, {@code 1000}. */
    static String formatBytes(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** {@code millis} in the largest unit that divides it exactly: {@code 1h}, {@code 90s}, {@code 5ms}. */
    static String formatMillis(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static long unitBytes(String unit) {
        if (unit == null || unit.equals("B")) {
            return 1;
        }
        switch (unit) {
            case "KiB": return 1L << 10;
            case "MiB": return 1L << 20;
            case "GiB": return 1L << 30;
            default: return 1L << 40;
        }
    }

    private static long unitMillis(String unit) {
        if (unit == null) {
            return 1000;
        }
        switch (unit) {
            case "ms": return 1;
            case "s": return 1000;
            case "m": return 60_000;
            default: return 3_600_000;
        }
    }

    private static long nonNegative(long v, Object value) {
        if (v < 0) {
            throw new IllegalArgumentException(value + " is negative");
        }
        return v;
    }
}
