package io.stream4flow.cli.collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), the format of the collector's
 * {@code /metrics} endpoint: one sample a line, {@code name{label="value",...} value [timestamp]};
 * {@code #} lines (HELP, TYPE, comments) and blank lines are skipped. Label values may hold
 * {@code \\}, {@code \"} and {@code \n} escapes; values are floats, {@code +Inf}, {@code -Inf} or
 * {@code NaN}. A line that does not parse is counted, not thrown. Stateless.
 */
public final class PrometheusText {

    /** One sample: metric name, labels in the order written, value. */
    public record Sample(String name, Map<String, String> labels, double value) { }

    /** The samples in text order, and how many non-comment lines could not be read. */
    public record Parsed(List<Sample> samples, int badLines) { }

    private PrometheusText() { }

    public static Parsed parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int bad = 0;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Sample s = sample(l);
            if (s == null) {
                bad++;
            } else {
                samples.add(s);
            }
        }
        return new Parsed(samples, bad);
    }

    /** One sample line, or null. */
    static Sample sample(String l) {
        int i = 0;
        while (i < l.length() && nameChar(l.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = l.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i = labels(l, i + 1, labels);
            if (i < 0) {
                return null;
            }
        }
        String[] rest = l.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            return null;
        }
        Double v = value(rest[0]);
        return v == null ? null : new Sample(name, Collections.unmodifiableMap(labels), v);
    }

    /** Reads {@code a="x",b="y"}} from {@code i}; returns the index after the brace, or -1. */
    private static int labels(String l, int from, Map<String, String> out) {
        int i = from;
        while (true) {
            while (i < l.length() && l.charAt(i) == ' ') {
                i++;
            }
            if (i < l.length() && l.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < l.length() && nameChar(l.charAt(i), i == start) && l.charAt(i) != ':') {
                i++;
            }
            if (i == start || i + 1 >= l.length() || l.charAt(i) != '=' || l.charAt(i + 1) != '"') {
                return -1;
            }
            String label = l.substring(start, i);
            i += 2;
            StringBuilder v = new StringBuilder();
            while (i < l.length() && l.charAt(i) != '"') {
                char c = l.charAt(i++);
                if (c == '\\' && i < l.length()) {
                    char e = l.charAt(i++);
                    v.append(e == 'n' ? '\n' : e);
                } else {
                    v.append(c);
                }
            }
            if (i >= l.length()) {
                return -1;
            }
            out.put(label, v.toString());
            i++;
            while (i < l.length() && l.charAt(i) == ' ') {
                i++;
            }
            if (i < l.length() && l.charAt(i) == ',') {
                i++;
            } else if (i >= l.length() || l.charAt(i) != '}') {
                return -1;
            }
        }
    }

    private static Double value(String s) {
        switch (s) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    double d = Double.parseDouble(s);
                    return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    private static boolean nameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }
}
