package io.stream4flow.collector.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One value of the configuration, where it came from, and the typed reads of it. Every failed read
 * is a {@link ConfigException} whose message is {@code SOURCE: KEY: PROBLEM}, e.g.
 * {@code collector.yaml: ring.size: 1000 is not a power of two}; values given as flags have no
 * source: {@code --listen: 'udp//x' is not ...}.
 */
final class Value {
    private final String source;
    private final String key;
    private final Object raw;
    private final Path base;

    /**
     * @param source the file name as the user gave it, or null for a command-line flag
     * @param key the key path ({@code ring.size}, {@code listen[1]}) or the flag ({@code --listen})
     * @param raw what snakeyaml-engine loaded (String, Integer, Long, BigInteger, Double, Boolean,
     *     List, Map or null), or the flag's text
     * @param base directory that relative paths are resolved against
     */
    Value(String source, String key, Object raw, Path base) {
        this.source = source;
        this.key = key;
        this.raw = raw;
        this.base = base;
    }

    String key() {
        return key;
    }

    Object raw() {
        return raw;
    }

    ConfigException fail(String problem) {
        return new ConfigException(key, (source == null ? "" : source + ": ") + key + ": " + problem);
    }

    /** A non-empty string (numbers are refused: a listener or path is never a bare number). */
    String string() {
        if (raw instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        throw fail(raw == null || raw instanceof String ? "no value" : show(raw) + " is not a string");
    }

    private void requirePresent() {
        if (raw == null) {
            throw fail("no value");
        }
    }

    boolean isNull() {
        return raw == null;
    }

    /** A whole number in {@code [min, max]}. */
    int integer(int min, int max) {
        requirePresent();
        long v;
        if (raw instanceof Integer || raw instanceof Long) {
            v = ((Number) raw).longValue();
        } else if (raw instanceof BigInteger) {
            v = Long.MAX_VALUE;
        } else {
            throw fail(show(raw) + " is not a whole number");
        }
        if (v < min || v > max) {
            throw fail(raw + " is out of range (" + min + "-" + max + ")");
        }
        return (int) v;
    }

    /** A size in bytes ({@link Units#bytes}) in {@code [min, max]}. */
    long bytes(long min, long max) {
        requirePresent();
        long v;
        try {
            v = Units.bytes(raw);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        if (v < min || v > max) {
            throw fail(show(raw) + " is out of range (" + Units.formatBytes(min) + "-" + Units.formatBytes(max) + ")");
        }
        return v;
    }

    /** A duration ({@link Units#millis}) in whole seconds, in {@code [min, max]} seconds. */
    int seconds(int min, int max) {
        long ms = millis(min * 1000L, max * 1000L);
        if (ms % 1000 != 0) {
            throw fail(show(raw) + " is not a whole number of seconds");
        }
        return (int) (ms / 1000);
    }

    /** A duration ({@link Units#millis}) in milliseconds, in {@code [min, max]}. */
    long millis(long min, long max) {
        requirePresent();
        long v;
        try {
            v = Units.millis(raw);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        if (v < min || v > max) {
            throw fail(show(raw) + " is out of range (" + Units.formatMillis(min) + "-" + Units.formatMillis(max) + ")");
        }
        return v;
    }

    /** A file system path; {@code ~} and {@code ~/...} start at the home directory, relative ones at the base. */
    Path path() {
        return path(string());
    }

    Path path(String text) {
        String home = System.getProperty("user.home");
        String t = text;
        if (t.equals("~")) {
            t = home;
        } else if (t.startsWith("~/")) {
            t = home + t.substring(1);
        }
        try {
            return base.resolve(t).normalize();
        } catch (InvalidPathException e) {
            throw fail(show(text) + " is not a path");
        }
    }

    /**
     * The elements of a list, each keyed {@code KEY[i]} (flags: {@code KEY}, a repeated flag); a
     * single scalar is a list of one; null is an empty list.
     */
    List<Value> list() {
        List<Value> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Value(source, source == null ? key : key + "[" + i + "]", l.get(i), base));
            }
        } else if (raw instanceof Map) {
            throw fail("expected a list, got a mapping");
        } else if (raw != null) {
            out.add(this);
        }
        return out;
    }

    /** A value as quoted in messages: strings in single quotes, numbers and booleans as they are. */
    static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
