package io.stream4flow.cluster.jobs;

import io.stream4flow.schema.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parameter of a job: its name (as in {@code --param job.name=value}), type, default (a raw string, or
 * {@code null} when the parameter is required or optional without default), and a one-line description.
 *
 * <p>Parsing ({@link #parse(String, String)}) validates and converts; bad input is an
 * {@link IllegalArgumentException} with one line naming the job and the parameter.
 */
public record JobParameter(String name, Type type, String defaultValue, boolean required, String description) {

    /** Parameter types and the Java type {@link #parse} returns for each. */
    public enum Type {
        /** {@link Duration}, at least 1 ms: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or plain seconds. */
        DURATION,
        /** {@link Integer} &gt; 0. */
        POSITIVE_INT,
        /** {@code List<Cidr>}: comma-separated IPv4 / IPv6 CIDRs, at least one. */
        CIDR_LIST,
        /** {@code List<String>}: comma-separated DNS names ({@code example.org}), lower case, no trailing dot. */
        NAME_LIST,
        /** {@code List<Integer>}: comma-separated ports, 1 to 65535, at least one. */
        PORT_LIST,
        /** {@link String}: the absolute path of a readable regular file. */
        FILE
    }

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*"
            + "[a-z0-9_])?)*");

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /** A parameter with a default. */
    public static JobParameter optional(String name, Type type, String defaultValue, String description) {
        return new JobParameter(name, type, defaultValue, false, description);
    }

    /** A parameter that may stay unset (no default): the job then goes without it ({@link JobParams#has}). */
    public static JobParameter unset(String name, Type type, String description) {
        return new JobParameter(name, type, null, false, description);
    }

    /** A parameter the job cannot run without. */
    public static JobParameter required(String name, Type type, String description) {
        return new JobParameter(name, type, null, true, description);
    }

    /**
     * The value of {@code raw} for job {@code job}, of the Java type its {@link Type} names.
     *
     * @throws IllegalArgumentException one line, "job J: parameter P: ..." when {@code raw} is not valid
     */
    public Object parse(String job, String raw) {
        String text = raw == null ? "" : raw.trim();
        try {
            return switch (type) {
                case DURATION -> parseDuration(text);
                case POSITIVE_INT -> parsePositive(text);
                case CIDR_LIST -> parseCidrs(text);
                case NAME_LIST -> parseNames(text);
                case PORT_LIST -> parsePorts(text);
                case FILE -> parseFile(text);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job " + job + ": parameter " + name + ": " + e.getMessage());
        }
    }

    private static Duration parseDuration(String text) {
        Matcher m = DURATION_TEXT.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 10s, 2m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("expected a duration above zero, got '" + text + "'");
        }
        return d;
    }

    private static Integer parsePositive(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a positive integer, got '" + text + "'");
    }

    private static String parseFile(String text) {
        java.nio.file.Path path = java.nio.file.Path.of(text).toAbsolutePath().normalize();
        if (text.isEmpty() || !java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
            throw new IllegalArgumentException("no readable file '" + text + "'");
        }
        return path.toString();
    }

    private static List<Integer> parsePorts(String text) {
        List<Integer> ports = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            int p = t.matches("\\d{1,5}") ? Integer.parseInt(t) : 0;
            if (p < 1 || p > 65_535) {
                throw new IllegalArgumentException("expected ports like 53,123 (1 to 65535), got '" + t + "'");
            }
            ports.add(p);
        }
        return List.copyOf(ports);
    }

    private static List<String> parseNames(String text) {
        List<String> names = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String n = part.trim().toLowerCase(Locale.ROOT);
            n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            if (!DNS_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("expected DNS names like example.org,example.net, got '"
                        + part.trim() + "'");
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    private static List<Cidr> parseCidrs(String text) {
        List<Cidr> cidrs = Cidr.parseList(text);
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException("expected one or more CIDRs like 10.0.0.0/8,2001:db8::/32, got '"
                    + text + "'");
        }
        return cidrs;
    }
}
